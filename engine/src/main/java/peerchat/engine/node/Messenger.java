package peerchat.engine.node;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.causal.CausalCore;
import peerchat.engine.causal.Hold;
import peerchat.engine.causal.Incoming;
import peerchat.engine.causal.Outgoing;
import peerchat.engine.causal.ReceiveResult;
import peerchat.engine.identity.Identity;
import peerchat.engine.net.Completion;
import peerchat.engine.net.LinkJournal;
import peerchat.engine.net.Outbound;
import peerchat.engine.net.PeerLinks;
import peerchat.engine.net.ReceivedSeqs;
import peerchat.engine.net.WireConstants;
import peerchat.store.Store;
import peerchat.store.event.Event;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.log.LogFullException;
import peerchat.store.log.LogReader;
import peerchat.store.projection.KnownUser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Moves causal messages between the causal core, the log and the links, on the node's one thread.
 * A send is fed to the core and appended (the append is queued in call order, so the log holds
 * the core's inputs in the order the core saw them: replaying it rebuilds the core exactly),
 * then transmitted once durable. A received message is fed to the core and appended with the
 * deliveries it caused; only when that is durable is it acknowledged (the link waits on the
 * returned {@code Mono}), and a sender whose causal buffer is full is not acknowledged further
 * until it may resume.
 */
final class Messenger implements LinkJournal {
    private static final Logger LOG = LoggerFactory.getLogger(Messenger.class);

    /** What the node shows when a message is sent or delivered (called on the node thread, in log order). */
    interface Listener {
        void sent(Event.MessageSent sent, long position);

        void delivered(Event.MessageReceived received, long deliveredAt, boolean heldBack, long position);

        /** A received message was held back (its append is written). */
        void held();

        /**
         * Messages that had been held back were delivered, each told already by {@link #delivered}:
         * once per receive that let any through, after all of them.
         */
        void letThrough();

        /** Something the user should know and act on (the disk is full, say). */
        void warning(String text);

        /** {@code peer} held {@code more} of this node's sends than its log has (its newest part was lost): numbered on after them now. */
        void aheadOfLog(NodeId peer, long more);

        /** Users told of, by a peer or by a message itself (its sender's name), logged as news. */
        void heard(List<Event.UserHeard> news);
    }

    private final NodeId self;
    private final Store store;
    private final CausalCore<Payload> core;
    private final Scheduler thread;
    private final Clock clock;
    private final WireCodec codec;
    /** Senders whose name is known here: a message's own word on it is not needed (checked once each). */
    private final Set<NodeId> named = new HashSet<>();
    private final SealedCopies sealed;
    private final Listener listener;
    /** The link seq this node gave its last send to each peer. Concurrent: {@link #acked} may move it on from the links. */
    private final Map<NodeId, Long> lastLinkSeq = new java.util.concurrent.ConcurrentHashMap<>();
    /** Peers found to hold more of this node's sends than its log numbers (told once per run). */
    private final Set<NodeId> aheadOfLog = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<MessageId, Event.MessageReceived> buffered = new HashMap<>();
    private final Map<NodeId, Sinks.Empty<Void>> paused = new HashMap<>();
    /**
     * Senders whose pause ran out: their link reads on although their waiting messages are over
     * the bound. A paused link can hold back the very message the waiting ones need (a sender's own
     * {@code -delay}ed or retransmitted message that comes after its later ones), so a pause
     * that frees nothing for {@link #PAUSE_LIMIT} gives way rather than deadlock.
     */
    private final Set<NodeId> overBound = new HashSet<>();
    static final Duration PAUSE_LIMIT = Duration.ofSeconds(5);
    private final Set<MessageId> heldBack = new HashSet<>();
    static final Duration ACK_LOG_INTERVAL = Duration.ofMillis(50);
    private final Map<NodeId, Long> ackedNotLogged = new ConcurrentHashMap<>();
    private final AtomicBoolean ackLogScheduled = new AtomicBoolean();
    private long historyPosition;
    /**
     * This node's sends that nobody keeps for destinations away (log index → how many keepers
     * have taken copies since), at most {@link #SEALED_ON_LOSS}: sent while linked to none of their
     * destinations. Node thread only.
     */
    private final TreeMap<Long, Integer> unkept = new TreeMap<>();
    /** Those of {@link #unkept} logged by an earlier run, and what each peer had acknowledged when this one began. */
    private final Set<Long> unkeptFromEarlierRuns = new HashSet<>();
    private final Map<NodeId, Long> ackedAtStart = new HashMap<>();
    private volatile PeerLinks links;
    /** The node is shutting down: its log closes soon, under whatever still reads it. */
    private final BooleanSupplier closing;

    Messenger(Identity identity, Store store, CausalCore<Payload> core, Map<MessageId, Event.MessageReceived> bufferedAfterReplay,
              Scheduler thread, Clock clock, Listener listener, BooleanSupplier closing, Supplier<String> selfName) {
        this.self = identity.id();
        this.codec = new WireCodec(selfName);
        this.sealed = new SealedCopies(identity, codec, store);
        this.store = store;
        this.core = core;
        this.thread = thread;
        this.clock = clock;
        this.listener = listener;
        this.closing = closing;
        this.buffered.putAll(bufferedAfterReplay);
        this.heldBack.addAll(bufferedAfterReplay.keySet());
        store.links().peers().forEach(p -> lastLinkSeq.put(p, store.links().lastSent(p)));
        this.historyPosition = store.history().size();
        // What an earlier run sent alone and then stopped: nobody may keep it. Which of these no
        // destination had acknowledged is told when a destination links (it reads the log).
        for (NodeId p : store.links().peers()) {
            ackedAtStart.put(p, store.links().lastAcked(p));
            long[] outbox = store.links().unacked(p);
            for (int i = 0; i < Math.min(outbox.length, SEALED_ON_LOSS); i++) {
                unkept.put(outbox[i], 0);
            }
        }
        while (unkept.size() > SEALED_ON_LOSS) {
            unkept.pollLastEntry();
        }
        unkeptFromEarlierRuns.addAll(unkept.keySet());
    }

    void attach(PeerLinks peerLinks) {
        this.links = peerLinks;
    }

    /** A send as logged, and its place in this node's history (-1 for what is not chat). */
    record Sent(Event.MessageSent event, long position) {
    }

    /** Sends {@code payload} to {@code dests} (never containing this node); must run on the node thread. */
    Mono<Sent> send(Set<NodeId> dests, Payload payload, long delayMillis) {
        try {
            // Before the core takes it: a message the core took but the log refused would be
            // named by the metadata of every later one, and peers would wait for it for good.
            store.checkRoom();
        } catch (LogFullException e) {
            return Mono.error(e);
        }
        Outgoing<Payload> out = core.send(dests, payload);
        Map<NodeId, Long> seqs = new HashMap<>();
        for (NodeId d : out.dests()) {
            seqs.put(d, lastLinkSeq.merge(d, 1L, Long::sum));
        }
        long now = clock.millis();
        Event.MessageSent sent = new Event.MessageSent(out.id(), out.dests(), out.meta(), seqs, payload, now, now + delayMillis);
        long position = payload instanceof Payload.Chat ? historyPosition++ : -1;
        // The node thread is the log's writer: the append is written before it returns, so the
        // transmission follows at once, per destination in link seq order, and the listener sees
        // sends and deliveries in the order they were logged.
        long index;
        try {
            index = store.appendNow(List.of(sent)).get(0);
        } catch (RuntimeException e) {
            return failedAfterTheCoreTookIt("sending " + sent.id(), e);
        }
        // Once the core has taken a message, what follows its append (transmitting it, showing
        // it) is done here and now, whoever still listens: a link closed or a caller gone cannot
        // leave it in the log and the core but never sent or shown until a restart.
        transmit(sent, index);
        listener.sent(sent, position);
        return Mono.just(new Sent(sent, position));
    }

    private static <T> Mono<T> failedAfterTheCoreTookIt(String what, RuntimeException e) {
        LOG.error("{} failed after the core took it", what, e);
        return Mono.error(e);
    }

    private void transmit(Event.MessageSent sent, long index) {
        PeerLinks l = links;
        if (l == null) {
            keptByNobody(sent, index); // not listening yet: the links fetch it from the log when they connect
            return;
        }
        SealedCopies.Custody custody = sealed.forSend(sent, l.connected());
        if (custody.keptByNobody()) {
            keptByNobody(sent, index);
        }
        codec.encodeEach(sent, (d, body) -> l.send(d, sent.linkSeq().get(d), custody.bodyFor(d, body), sent.transmitAt()));
    }

    private void keptByNobody(Event.MessageSent sent, long index) {
        if (unkept.size() < SEALED_ON_LOSS) {
            unkept.put(index, 0);
        } else {
            LOG.debug("{} sent alone, and {} such sends wait for keepers already: it gets none", sent.id(), unkept.size());
        }
    }

    /**
     * {@code peer} is linked: of what this node sent while linked to no destination, it is the
     * first that can keep copies for the others still away, so that what follows those sends,
     * anyone's, is not held back at them until this node is back. Sealed off the node thread
     * and handed over as a lost link's are; a send is kept by {@link SealedCopies#KEEPERS} at most.
     */
    void linkUp(NodeId peer) {
        PeerLinks l = links;
        if (l == null || unkept.isEmpty()) {
            return;
        }
        long[] indexes = unkept.keySet().stream().mapToLong(Long::longValue).toArray();
        Set<Long> earlier = Set.copyOf(unkeptFromEarlierRuns);
        Map<NodeId, Long> acked = new HashMap<>();
        for (NodeId p : store.links().peers()) {
            acked.put(p, ackedUpTo(p));
        }
        Set<NodeId> linked = l.connected();
        Mono.fromCallable(() -> closing.getAsBoolean() ? null : sealed.forNewKeeper(peer, indexes, earlier,
                        p -> acked.getOrDefault(p, 0L), p -> ackedAtStart.getOrDefault(p, 0L), linked))
                .subscribeOn(Schedulers.boundedElastic())
                .publishOn(thread)
                .subscribe(taken -> {
                    taken.settled().forEach(this::settled);
                    taken.given().forEach(i -> {
                        Integer keepers = unkept.computeIfPresent(i, (k, n) -> n + 1);
                        if (keepers != null && keepers >= SealedCopies.KEEPERS) {
                            settled(i);
                        }
                    });
                    if (!taken.copies().isEmpty()) {
                        LOG.debug("{} is linked: it keeps copies of {} messages sent while no one was linked", peer, taken.given().size());
                        handOver(peer, taken.copies());
                    }
                }, e -> {
                    if (closing.getAsBoolean()) {
                        LOG.debug("copies for {} to keep not made: the node is closing ({})", peer, e.toString());
                    } else {
                        LOG.warn("copies of messages sent alone not handed to {}: {}", peer, e.toString());
                    }
                });
    }

    private void settled(long index) {
        unkept.remove(index);
        unkeptFromEarlierRuns.remove(index);
    }

    /** At most this many of a lost peer's unacknowledged messages, the oldest, are sealed when its link goes. */
    static final int SEALED_ON_LOSS = 1000;

    /**
     * The link to {@code peer} went down: what it has not acknowledged was sent while it looked
     * linked, with no sealed copies (a peer gone without its link closing, a cable pulled or a
     * laptop suspended, looks linked until its heartbeat times out). Sealed now, off the node
     * thread (a signature each), and handed to up to {@link SealedCopies#KEEPERS} linked destinations of
     * each message, in numbered, logged frames of their own ({@link CustodyBundle}s without a
     * body), so that what follows them, sealed at send, is not held back for them.
     */
    void linkLost(NodeId peer) {
        PeerLinks l = links;
        long[] unacked = store.links().unacked(peer);
        if (l == null || unacked.length == 0) {
            return;
        }
        if (l.connected().contains(peer)) {
            // Back before its loss was handled (a heartbeat timeout in a busy moment): the new
            // link sends what it has not acknowledged, so no one needs to keep copies for it.
            LOG.debug("{} is linked again: its {} unacknowledged messages go on its own link, not sealed", peer, unacked.length);
            return;
        }
        long[] oldest = java.util.Arrays.copyOf(unacked, Math.min(unacked.length, SEALED_ON_LOSS));
        long acked = ackedUpTo(peer); // acks not logged yet included: those need no copies
        Mono.fromCallable(() -> closing.getAsBoolean() ? Map.<NodeId, List<SealedCopies.Sealed>>of() : sealed.forLostLink(peer, oldest, acked, l.connected()))
                .subscribeOn(Schedulers.boundedElastic())
                .publishOn(thread)
                .subscribe(byKeeper -> byKeeper.forEach(this::handOver), e -> {
                    // Shutting down meanwhile, the log or the node thread closed under the sealing:
                    // nothing is lost, the messages are in the log and go to the peer when it is back.
                    if (closing.getAsBoolean()) {
                        LOG.debug("sealed copies for {} not made: the node is closing ({})", peer, e.toString());
                    } else {
                        LOG.warn("sealed copies for {}, whose link went down, not handed over: {}", peer, e.toString());
                    }
                });
    }

    /** Sealed copies to {@code keeper}, in bundles of their own that fit a frame, each the next number on its link. */
    private void handOver(NodeId keeper, List<SealedCopies.Sealed> copies) {
        List<Event.CustodyTaken> bundles = new ArrayList<>();
        long seq = lastLinkSeq.getOrDefault(keeper, 0L);
        List<byte[]> envelopes = new ArrayList<>();
        MessageId first = null;
        int size = 0;
        for (SealedCopies.Sealed copy : copies) {
            if (!envelopes.isEmpty() && size + copy.envelope().length + 4 > WireConstants.MAX_BODY_BYTES / 2) {
                bundles.add(new Event.CustodyTaken(keeper, ++seq, first, CustodyBundle.wrap(envelopes, new byte[0]), clock.millis()));
                envelopes = new ArrayList<>();
                size = 0;
            }
            if (envelopes.isEmpty()) {
                first = copy.id();
            }
            envelopes.add(copy.envelope());
            size += copy.envelope().length + 4;
        }
        bundles.add(new Event.CustodyTaken(keeper, ++seq, first, CustodyBundle.wrap(envelopes, new byte[0]), clock.millis()));
        try {
            store.checkRoom();
        } catch (LogFullException e) {
            LOG.warn("sealed copies for {} not handed over: {}", keeper, e.getMessage());
            return;
        }
        logAndSend(bundles, "sealed copies handed to " + keeper);
    }

    /**
     * Logs these entries, each the next number on its peer's link, and sends them there; false if
     * the log refused them (then nothing was numbered, logged or sent).
     */
    private boolean logAndSend(List<Event.CustodyTaken> entries, String what) {
        try {
            store.appendNow(List.copyOf(entries));
        } catch (RuntimeException e) {
            LOG.error("{}: not logged, not sent", what, e);
            return false;
        }
        PeerLinks l = links;
        for (Event.CustodyTaken c : entries) {
            lastLinkSeq.merge(c.forPeer(), c.linkSeq(), Math::max);
            LOG.debug("{}: {} for {}, its number {} there", what, c.id(), c.forPeer(), c.linkSeq());
            if (l != null) {
                l.send(c.forPeer(), c.linkSeq(), c.envelope(), c.ts());
            }
        }
        return true;
    }

    /**
     * How often a message waiting for room on a full disk tries again. Waiting (not closing the
     * link) leaves it unacknowledged and holds back the link's later frames: the sender keeps
     * them, TCP slows it, and they are taken in order once there is room.
     */
    static final Duration ROOM_RETRY = Duration.ofSeconds(1);

    /**
     * The user has been told that the disk is full and messages wait: once per time it fills (the
     * log says which message waits, one line per link), not once per link. Node thread only.
     */
    private boolean toldDiskFull;

    @Override
    public Mono<Void> receive(NodeId from, long linkSeq, byte[] body) {
        // The node's links run on its thread (NodeLoop): a frame is taken as soon as it is read.
        // Links on event loops of their own (tests of the links) hand it over.
        return store.onWriter() ? receiveNow(from, linkSeq, body) : Mono.defer(() -> receiveNow(from, linkSeq, body)).subscribeOn(thread);
    }

    /**
     * Takes the message now. Nearly always that is all: the result is Reactor's scalar empty, which
     * the link sees as done without subscribing to anything (a retrying, cached chain per frame
     * was about a tenth of a flood's CPU). Only a message that must wait (for room on the disk, or
     * a paused sender) gets a publisher that completes later.
     */
    private Mono<Void> receiveNow(NodeId from, long linkSeq, byte[] body) {
        Mono<Void> first = received(from, linkSeq, body);
        if (Completion.isDone(first)) {
            toldDiskFull = false;
            return first;
        }
        return first.onErrorResume(LogFullException.class, full -> waitForRoom(from, linkSeq, body, full))
                .doOnSuccess(v -> toldDiskFull = false);
    }

    /** Tries again every {@link #ROOM_RETRY} until the log has room; the user is told once. */
    private Mono<Void> waitForRoom(NodeId from, long linkSeq, byte[] body, LogFullException full) {
        LOG.warn("message {} from {} waits for room: {}", linkSeq, from, full.getMessage());
        if (!toldDiskFull) {
            toldDiskFull = true;
            listener.warning(full.getMessage() + ": messages for you wait at their"
                    + " senders and come once there is room; free some space");
        }
        return Mono.defer(() -> received(from, linkSeq, body))
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, ROOM_RETRY).filter(LogFullException.class::isInstance).scheduler(thread))
                .delaySubscription(ROOM_RETRY, thread);
    }

    private Mono<Void> received(NodeId from, long linkSeq, byte[] body) {
        try {
            store.checkRoom(); // before the core takes it, as for a send
        } catch (LogFullException e) {
            return Mono.error(e);
        }
        if (RelayEnvelope.isEnvelope(body)) {
            return relayed(from, linkSeq, body);
        }
        if (CustodyBundle.isBundle(body)) {
            CustodyBundle bundle;
            try {
                bundle = CustodyBundle.unwrap(body);
            } catch (WireCodec.MalformedBody e) {
                return dropped(from, linkSeq, e.getMessage());
            }
            List<MessageId> kept = keep(from, bundle.envelopes());
            if (bundle.body().length > 0) {
                return take(from, linkSeq, bundle.body());
            }
            // Sealed copies handed over on their own (their sender lost its link to whom they are for).
            return kept.isEmpty() ? dropped(from, linkSeq, "sealed copies handed over, none of them kept")
                    : store.append(new Event.RelayReceived(from, linkSeq, kept.get(0), clock.millis())).then();
        }
        return take(from, linkSeq, body);
    }

    /**
     * Sealed copies {@code from} sent along for destinations it had no link to: each one that is
     * {@code from}'s own message, sealed with its key, for a third node, is logged and goes out on this
     * node's link to that node as the next number there (kept until it acknowledges it). One that
     * is not is passed over with a WARN; the message they came with is taken all the same.
     */
    private List<MessageId> keep(NodeId from, List<byte[]> envelopes) {
        List<Event.CustodyTaken> kept = new ArrayList<>();
        Map<NodeId, Long> seqs = new HashMap<>();
        for (byte[] bytes : envelopes) {
            try {
                RelayEnvelope envelope = RelayEnvelope.open(bytes);
                NodeId forPeer = envelope.forPeer();
                // The link proved it is from; its signature is for the node it is passed on to,
                // which checks it (0.4 ms: not spent twice).
                if (!envelope.origin().equals(from) || forPeer.equals(self) || forPeer.equals(from)) {
                    throw new WireCodec.MalformedBody("not a copy of " + from + "'s own for a third node", null);
                }
                MessageId id = codec.decode(envelope.body()).message().id();
                if (!id.sender().equals(from)) {
                    throw new WireCodec.MalformedBody("a copy of " + id + ", not of a message of " + from, null);
                }
                long seq = seqs.getOrDefault(forPeer, lastLinkSeq.getOrDefault(forPeer, 0L)) + 1;
                seqs.put(forPeer, seq);
                kept.add(new Event.CustodyTaken(forPeer, seq, id, bytes, clock.millis()));
            } catch (WireCodec.MalformedBody e) {
                LOG.warn("a sealed copy from {} not kept: {}", from, e.getMessage());
            }
        }
        if (kept.isEmpty() || !logAndSend(kept, "kept from " + from)) {
            return List.of();
        }
        return kept.stream().map(Event.CustodyTaken::id).toList();
    }

    /**
     * A copy of another node's message that {@code from} kept for this one: taken as if its sender
     * had sent it (its signature proves that), under the sender's link number, so the sender's own
     * copy, when it comes, is dropped as a duplicate. {@code from}'s number for it is logged too.
     */
    private Mono<Void> relayed(NodeId from, long linkSeq, byte[] bytes) {
        RelayEnvelope envelope;
        MessageId id;
        try {
            envelope = RelayEnvelope.open(bytes);
            if (!envelope.forPeer().equals(self)) {
                throw new WireCodec.MalformedBody("a copy passed on for " + envelope.forPeer() + ", not for this node", null);
            }
            if (!envelope.verified()) {
                throw new WireCodec.MalformedBody("a copy passed on whose signature does not verify", null);
            }
            id = codec.decode(envelope.body()).message().id();
            if (!id.sender().equals(envelope.origin())) {
                throw new WireCodec.MalformedBody("a copy of " + id + " sealed by " + envelope.origin() + ", not by its sender", null);
            }
        } catch (WireCodec.MalformedBody e) {
            return dropped(from, linkSeq, e.getMessage());
        }
        LOG.debug("{} passed on {} (its number {} from {})", from, id, envelope.originSeq(), envelope.origin());
        return take(envelope.origin(), envelope.originSeq(), envelope.body())
                .then(Mono.defer(() -> store.append(new Event.RelayReceived(from, linkSeq, id, clock.millis())).then()));
    }

    private Mono<Void> take(NodeId from, long linkSeq, byte[] body) {
        WireCodec.Decoded decoded;
        try {
            decoded = codec.decode(body);
        } catch (WireCodec.MalformedBody e) {
            return dropped(from, linkSeq, e.getMessage());
        }
        Incoming<Payload> message = decoded.message();
        if (!message.sender().equals(from)) {
            return dropped(from, linkSeq, message.id() + " claims to be from " + message.sender());
        }
        if (!message.dests().contains(self)) {
            return dropped(from, linkSeq, message.id() + " is not addressed to this node");
        }
        ReceiveResult<Payload> result = core.receive(message);
        if (result.status() == ReceiveResult.Status.DUPLICATE) {
            // Expected, not a fault: a sealed copy passed on by another node came first, or a
            // link resent what it had no ack for yet. A WARN each was 60,000 lines in a flood
            // through heartbeat timeouts.
            LOG.debug("message {} from {}: {} was taken already", linkSeq, from, message.id());
            return logDropped(from, linkSeq, message.id() + " was taken already");
        }
        if (result.status() == ReceiveResult.Status.REJECTED) {
            return dropped(from, linkSeq, message.id() + ": "
                    + result.rejection().map(r -> r.reason()).orElse("refused by the causal core"));
        }
        long now = clock.millis();
        Event.MessageReceived received = new Event.MessageReceived(message.id(), message.dests(), message.meta(), linkSeq,
                message.payload(), decoded.sentAt(), now);
        // Sized for what the core delivered (mostly the message alone): grown from ten, and with
        // boxed positions and flags, these were a few percent of the heap a delivery allocated.
        int n = result.delivered().size();
        List<Event> batch = new ArrayList<>(n + 1);
        if (result.status() == ReceiveResult.Status.BUFFERED) {
            batch.add(received);
            buffered.put(message.id(), received);
            heldBack.add(message.id());
        }
        List<Event.MessageReceived> delivered = new ArrayList<>(n);
        long[] positions = new long[n];
        boolean[] late = new boolean[n];
        for (Incoming<Payload> d : result.delivered()) {
            boolean itself = d.id().equals(message.id());
            Event.MessageReceived r = itself ? received : buffered.remove(d.id());
            if (r == null) {
                throw new IllegalStateException("the core delivered " + d.id() + ", which this node never received");
            }
            // The message itself comes first when it is delivered: one entry says both.
            batch.add(itself ? received.asDeliveredAtOnce() : new Event.MessageDelivered(d.id(), now));
            positions[delivered.size()] = r.payload() instanceof Payload.Chat ? historyPosition++ : -1L;
            late[delivered.size()] = heldBack.remove(r.id());
            delivered.add(r);
        }
        if (batch.isEmpty() || !(batch.get(0) instanceof Event.MessageReceived)) {
            throw new IllegalStateException("the core neither buffered nor delivered " + message.id() + " first");
        }
        Mono<Void> pause = Mono.empty();
        if (result.senderShouldPause() && !overBound.contains(from)) {
            LOG.info("pausing {}: {} of its messages wait for messages they depend on", from, core.bufferedFrom(from));
            Sinks.Empty<Void> resume = paused.computeIfAbsent(from, k -> Sinks.empty());
            pause = resume.asMono().timeout(PAUSE_LIMIT, Mono.defer(() -> givingWay(from)), thread);
        }
        for (NodeId r : result.resumable()) {
            overBound.remove(r);
            Sinks.Empty<Void> resume = paused.remove(r);
            if (resume != null) {
                LOG.info("resuming {}", r);
                resume.tryEmitEmpty();
            }
        }
        Event.UserHeard heard = nameNews(message.id(), decoded.by(), now);
        if (heard != null) {
            batch.add(0, heard); // before the message: its line is shown under that name, then and after a restart
        }
        try {
            store.appendNow(batch);
        } catch (RuntimeException e) {
            return failedAfterTheCoreTookIt("receiving " + message.id() + " from " + from, e);
        }
        if (heard != null) {
            listener.heard(List.of(heard));
        }
        boolean anyLate = false;
        for (int i = 0; i < delivered.size(); i++) {
            listener.delivered(delivered.get(i), now, late[i], positions[i]);
            anyLate |= late[i];
        }
        if (anyLate) {
            listener.letThrough();
        }
        if (result.status() == ReceiveResult.Status.BUFFERED) {
            listener.held();
        }
        return pause;
    }

    /**
     * The sender's name as its message gives it, as news, if no name is known here for it yet:
     * a copy passed on by another node can come before any link to the sender or roster has told
     * this node its name, and its lines showed under a bare id, changed later without a word.
     * Null if nothing is new. Node thread.
     */
    private Event.UserHeard nameNews(MessageId id, String by, long now) {
        NodeId sender = id.sender();
        if (by == null || named.contains(sender)) {
            return null;
        }
        Optional<Event.UserHeard> news = store.membership().news(sender, new KnownUser(sender, by, 0, List.of()), now);
        if (news.isEmpty()) {
            named.add(sender);
            return null;
        }
        LOG.info("{} is called {}, as its message {} says: no name was known here for it", sender.shortForm(), by, id);
        return news.get();
    }

    private Mono<Void> givingWay(NodeId sender) {
        paused.remove(sender);
        overBound.add(sender);
        LOG.warn("{} stays over the bound of waiting messages ({}) after {} s: reading on, so the message they wait for can come",
                sender, core.bufferedFrom(sender), PAUSE_LIMIT.toSeconds());
        return Mono.empty();
    }

    /**
     * A message that cannot be taken is logged as dropped before it is acknowledged: after a
     * restart its number still counts as received, so the link's acks move past it.
     */
    private Mono<Void> dropped(NodeId from, long linkSeq, String reason) {
        LOG.warn("dropped message {} from {}: {}", linkSeq, from, reason);
        return logDropped(from, linkSeq, reason);
    }

    private Mono<Void> logDropped(NodeId from, long linkSeq, String reason) {
        return store.append(new Event.MessageDropped(from, linkSeq, reason, clock.millis())).then();
    }

    /** After a restart replay: the deliveries the core made that the log does not show yet (a crash came between). */
    Mono<Void> logMissingDeliveries(List<Event.MessageReceived> undeliveredInLog) {
        if (undeliveredInLog.isEmpty()) {
            return Mono.empty();
        }
        long now = clock.millis();
        List<Event> batch = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        for (Event.MessageReceived r : undeliveredInLog) {
            batch.add(new Event.MessageDelivered(r.id(), now));
            positions.add(r.payload() instanceof Payload.Chat ? historyPosition++ : -1L);
        }
        return store.appendAll(batch).doOnNext(i -> {
            for (int k = 0; k < undeliveredInLog.size(); k++) {
                listener.delivered(undeliveredInLog.get(k), now, true, positions.get(k));
            }
        }).then();
    }

    /** What the core holds back, and for whom (on the node thread, as everything that reads the core). */
    List<Hold> holds() {
        return core.holds();
    }

    @Override
    public ReceivedSeqs receivedFrom(NodeId from) {
        peerchat.store.projection.ReceivedSeqs r = store.links().received(from);
        List<Long> above = new ArrayList<>();
        for (long s : r.above()) {
            above.add(s);
        }
        return new ReceivedSeqs(r.contiguous(), above);
    }

    /** Read with one log reader, off the caller's thread (links call this from their event loops). */
    @Override
    public Flux<Outbound> unacked(NodeId peer, long afterLinkSeq) {
        return Flux.defer(() -> {
            long[] indexes = store.links().unacked(peer);
            return Flux.using(() -> store.log().reader(),
                    reader -> Flux.range(0, indexes.length).concatMap(i -> Mono.justOrEmpty(reader.read(indexes[i]))),
                    LogReader::close);
        })
                .<Outbound>handle((e, out) -> {
                    if (e instanceof Event.MessageSent s) {
                        Long seq = s.linkSeq().get(peer);
                        if (seq != null && seq > afterLinkSeq) {
                            out.next(new Outbound(seq, codec.encode(s, peer), s.transmitAt()));
                        }
                    } else if (e instanceof Event.CustodyTaken c && c.forPeer().equals(peer) && c.linkSeq() > afterLinkSeq) {
                        out.next(new Outbound(c.linkSeq(), c.envelope(), c.ts()));
                    }
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Acks are logged in batches, at most one entry per peer every {@link #ACK_LOG_INTERVAL}: an
     * entry per ack cost the sender a log write for every copy of every message it sent. An ack
     * not yet logged when the node dies only means those messages are sent again after the
     * restart, and the peer drops them as duplicates by their link seq.
     */
    @Override
    public void acked(NodeId peer, long upToLinkSeq) {
        if (upToLinkSeq > lastLinkSeq.getOrDefault(peer, 0L)) {
            // From a PROOF, before the link is up and anything is sent on it: in line on the node thread.
            if (store.onWriter()) {
                aheadOfLog(peer, upToLinkSeq);
            } else {
                try {
                    thread.schedule(() -> aheadOfLog(peer, upToLinkSeq));
                } catch (RejectedExecutionException closing) {
                    LOG.debug("{} is ahead of the log, not handled: the node is closing", peer);
                }
            }
        }
        ackedNotLogged.merge(peer, upToLinkSeq, Math::max);
        if (ackLogScheduled.compareAndSet(false, true)) {
            try {
                thread.schedule(this::logAcks, ACK_LOG_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                LOG.debug("ack from {} up to {} not logged: the node is closing", peer, upToLinkSeq);
            }
        }
    }

    /**
     * {@code peer} has more of this node's sends than its log numbers: the log lost its newest part
     * (restored from a backup, cut short). Numbered from the log, every later send was taken there
     * for one it had, dropped as a copy and acknowledged, and its messages under timestamps it had
     * too (QA, stop 30: a node restored from a backup lost everything it sent after, silently, and
     * dropped for good what others sent that followed the lost part). So the next send to it is
     * numbered after what it has, and this node's next message after as many more timestamps as it
     * holds sends beyond the log (an upper bound for the lost messages it got, copies kept for
     * others included). Logged at once ({@link Event.PeerAcked}), and the replay skips the same
     * ({@code CausalRecovery}). Node thread.
     */
    private void aheadOfLog(NodeId peer, long upTo) {
        long numbered = lastLinkSeq.getOrDefault(peer, 0L);
        if (upTo <= numbered || store.log().isClosed()) {
            return;
        }
        store.appendNow(List.of(new Event.PeerAcked(peer, upTo, clock.millis())));
        core.skipAhead(upTo - numbered);
        lastLinkSeq.put(peer, upTo);
        LOG.warn("{} has this node's sends up to {}, its log numbers them up to {} only: the log lost its newest part"
                + " (restored from a backup, or cut short); numbering on from {}, and messages from {}", peer, upTo, numbered,
                upTo + 1, core.clock() + 1);
        if (aheadOfLog.add(peer)) {
            listener.aheadOfLog(peer, upTo - numbered);
        }
    }

    private void logAcks() {
        ackLogScheduled.set(false);
        List<Event> batch = new ArrayList<>();
        for (NodeId peer : ackedNotLogged.keySet()) { // a concurrent map: removing while iterating is fine
            Long upTo = ackedNotLogged.remove(peer);
            if (upTo != null && upTo > store.links().lastAcked(peer)) {
                batch.add(new Event.PeerAcked(peer, upTo, clock.millis()));
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        if (store.log().isClosed()) {
            // The node closed meanwhile (this runs on its thread, after the close): as after a crash,
            // those messages come again after a restart and are dropped by their link seq.
            LOG.debug("acks not logged, the log is closed: {}", batch);
            return;
        }
        store.appendAll(batch).subscribe(i -> { }, e -> LOG.error("could not log acks {}", batch, e));
    }

    @Override
    public long ackedUpTo(NodeId peer) {
        return Math.max(store.links().lastAcked(peer), ackedNotLogged.getOrDefault(peer, -1L));
    }
}

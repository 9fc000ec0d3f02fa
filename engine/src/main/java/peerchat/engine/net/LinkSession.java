package peerchat.engine.net;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.identity.Identity;
import peerchat.store.event.NodeId;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.NettyInbound;

/**
 * One TCP connection to one peer: handshake, then both directions of reliable delivery.
 *
 * <p>Threading: every write and all outbound state belong to the channel's event loop. Inbound
 * frames are handled one at a time in arrival order (a DATA frame's journal append must complete
 * before the next frame is looked at), possibly on the journal's thread; the receive-side state
 * they touch is either confined to that sequence or thread-safe.
 */
final class LinkSession {
    private static final Logger log = LoggerFactory.getLogger(LinkSession.class);

    private enum State { AWAIT_HELLO, AWAIT_PROOF, ESTABLISHED, CLOSED }

    private final TcpPeerLinks links;
    private final Connection conn;
    private final Channel ch;
    private final EventLoop loop;
    private final boolean dialed;
    /** The address this node dialed (a seed, or a peer's advertised address); null if accepted. */
    final InetSocketAddress dialedAddress;
    private final DialState dial;
    private final byte[] myNonce = new byte[WireConstants.NONCE_BYTES];
    private final long openedAt;
    private final ArrayBlockingQueue<Outbound> queue;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final AtomicBoolean ackScheduled = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final RateLimit controlFrames;

    private volatile State state = State.AWAIT_HELLO;
    private volatile PeerState peer;
    private volatile byte[] peerNonce;
    private volatile SeqTracker tracker;
    private volatile String closeReason;
    private volatile long lastHeard;
    private volatile long lastSent;
    private volatile boolean receivePending;

    // Event loop only.
    private long highestHandled;
    private boolean catchingUp;
    private CatchUp catchUp;
    private boolean flushScheduled;

    LinkSession(TcpPeerLinks links, Connection conn, InetSocketAddress dialedAddress, DialState dial) {
        this.links = links;
        this.conn = conn;
        this.ch = conn.channel();
        this.loop = ch.eventLoop();
        this.dialed = dialedAddress != null;
        this.dialedAddress = dialedAddress;
        this.dial = dial;
        this.openedAt = links.now();
        this.lastHeard = openedAt;
        this.queue = new ArrayBlockingQueue<>(links.config().outboundBufferMessages());
        this.controlFrames = new RateLimit(links.config().controlFramesPerSecond(), openedAt);
        links.random().nextBytes(myNonce);
    }

    /** Runs the connection; the returned publisher completes when it is over (which closes it). */
    Mono<Void> run(NettyInbound in) {
        ch.attr(TcpPeerLinks.SESSION).set(this);
        write(links.hello(myNonce));
        return in.receive()
                .map(buf -> {
                    lastHeard = links.now();
                    return FrameCodec.decode(buf);
                })
                .concatMap(this::onFrame, links.config().inboundPrefetch())
                .then()
                .onErrorResume(e -> {
                    fail(reasonOf(e));
                    return Mono.empty();
                })
                .doFinally(s -> closed());
    }

    NodeId peerId() {
        PeerState p = peer;
        return p == null ? null : p.id;
    }

    String peerName() {
        PeerState p = peer;
        return p == null ? "" : p.name();
    }

    boolean established() {
        return state == State.ESTABLISHED;
    }

    boolean isClosed() {
        return state == State.CLOSED || closing.get();
    }

    /** Who opened this connection: what decides which of two connections to one peer survives. */
    NodeId dialer() {
        return dialed ? links.selfId() : peer.id;
    }

    /** The dialer's nonce: breaks the tie between two connections opened by the same side. */
    String dialerNonce() {
        return HexFormat.of().formatHex(dialed ? myNonce : peerNonce);
    }

    InetSocketAddress remoteAddress() {
        return (InetSocketAddress) ch.remoteAddress();
    }

    // ---------------------------------------------------------------- inbound

    private Mono<Void> onFrame(Frame f) {
        if (state == State.CLOSED || closing.get()) {
            return Mono.empty();
        }
        if (!(f instanceof Frame.Data) && !(f instanceof Frame.Ack) && !controlFrames.tryTake(links.now())) {
            throw new ProtocolException("flooding: more than " + links.config().controlFramesPerSecond()
                    + " control frames per second");
        }
        switch (state) {
            case AWAIT_HELLO:
                if (!(f instanceof Frame.Hello)) {
                    throw new ProtocolException("expected HELLO first, got " + f.getClass().getSimpleName());
                }
                onHello((Frame.Hello) f);
                return Mono.empty();
            case AWAIT_PROOF:
                if (!(f instanceof Frame.Proof)) {
                    throw new ProtocolException("expected PROOF, got " + f.getClass().getSimpleName());
                }
                onProof((Frame.Proof) f);
                return Mono.empty();
            default:
                break;
        }
        if (f instanceof Frame.Data) {
            return onData((Frame.Data) f);
        }
        if (f instanceof Frame.Ack) {
            long upTo = ((Frame.Ack) f).upTo();
            if (upTo < 0) {
                throw new ProtocolException("negative ACK " + upTo);
            }
            links.acked(peer, upTo);
        } else if (f instanceof Frame.Gossip) {
            links.learn(((Frame.Gossip) f).peers(), this);
        } else if (!(f instanceof Frame.Heartbeat)) {
            throw new ProtocolException("unexpected " + f.getClass().getSimpleName() + " after the handshake");
        }
        return Mono.empty();
    }

    private void onHello(Frame.Hello h) {
        NodeId id = Handshake.checkHello(h);
        if (id.equals(links.selfId())) {
            links.connectedToSelf(this);
            closeQuietly("connection to self");
            return;
        }
        peerNonce = h.nonce().clone();
        PeerState p = links.peer(id);
        p.publicKey(h.publicKey());
        InetSocketAddress advertised = Handshake.address(h.host(), h.port(), remoteAddress());
        p.heard(h.name(), advertised);
        peer = p;
        tracker = p.tracker(() -> links.journal().receivedFrom(id));
        links.learn(h.peers(), this);
        state = State.AWAIT_PROOF;
        byte[] signature = links.identity().sign(Handshake.proofData(peerNonce, links.selfId(), id));
        write(new Frame.Proof(signature, tracker.prefix()));
    }

    private void onProof(Frame.Proof pr) {
        if (pr.signature() == null || !Identity.verify(peer.publicKey(), Handshake.proofData(myNonce, peer.id, links.selfId()), pr.signature())) {
            throw new ProtocolException("key proof failed: cannot sign for the id " + peer.id + " it claims");
        }
        if (pr.receivedUpTo() < 0) {
            throw new ProtocolException("negative receivedUpTo in PROOF");
        }
        int outcome = links.establish(this);
        if (outcome < 0) {
            closeQuietly("duplicate connection: the pair already has one");
            return;
        }
        if (dial != null) {
            dial.succeeded();
        }
        links.acked(peer, pr.receivedUpTo());
        state = State.ESTABLISHED;
        log.debug("{} linked to {} ({}) over {}", links.selfId().shortForm(), peer.id.shortForm(), peer.name(),
                dialed ? "our dial" : "their dial");
        loop.execute(() -> {
            highestHandled = pr.receivedUpTo();
            startCatchUp();
        });
        if (outcome > 0) {
            links.peerUp(this);
        }
    }

    private Mono<Void> onData(Frame.Data d) {
        long seq = d.seq();
        if (seq < 1) {
            throw new ProtocolException("DATA with invalid seq " + seq);
        }
        SeqTracker t = tracker;
        if (seq > t.prefix() + links.config().maxSeqWindow()) {
            throw new ProtocolException("flooding: DATA seq " + seq + " is more than "
                    + links.config().maxSeqWindow() + " past the received prefix " + t.prefix());
        }
        if (!t.claim(seq)) {
            scheduleAck();
            return Mono.empty();
        }
        receivePending = true;
        NodeId from = peer.id;
        return links.journal().receive(from, seq, d.body())
                .doOnSuccess(v -> {
                    t.add(seq);
                    receivePending = false;
                    lastHeard = links.now();
                    scheduleAck();
                })
                .doOnError(e -> {
                    t.abandon(seq);
                    receivePending = false;
                })
                .onErrorMap(e -> new ProtocolException("journal refused message " + seq + ": " + e));
    }

    private void scheduleAck() {
        if (ackScheduled.compareAndSet(false, true)) {
            loop.execute(() -> {
                ackScheduled.set(false);
                if (state == State.ESTABLISHED) {
                    writeNow(new Frame.Ack(tracker.prefix()));
                }
            });
        }
    }

    // ---------------------------------------------------------------- outbound

    /** Called by {@code send} on any thread: into the bounded buffer, or left to the journal. */
    void offer(Outbound o) {
        if (state != State.ESTABLISHED) {
            return;
        }
        if (!queue.offer(o)) {
            overflowed.set(true);
        }
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            loop.execute(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        if (state != State.ESTABLISHED || catchingUp) {
            return;
        }
        while (ch.isWritable()) {
            Outbound o = queue.poll();
            if (o == null) {
                break;
            }
            if (o.linkSeq() <= highestHandled) {
                continue;
            }
            if (o.linkSeq() != highestHandled + 1) {
                // Something between was dropped (buffer overflow, or sent before this link): the
                // journal has it all, this one included.
                startCatchUp();
                return;
            }
            transmit(o);
        }
        if (queue.isEmpty() && overflowed.get()) {
            startCatchUp();
        }
    }

    /** Writability came back: carry on where the buffer or the catch-up stopped. */
    void onWritable() {
        if (!ch.isWritable()) {
            return;
        }
        if (catchingUp && catchUp != null) {
            catchUp.resume();
        } else {
            drain();
        }
    }

    private void startCatchUp() {
        if (catchingUp || state != State.ESTABLISHED) {
            return;
        }
        catchingUp = true;
        overflowed.set(false);
        catchUp = new CatchUp();
        links.journal().unacked(peer.id, highestHandled)
                .publishOn(Schedulers.fromExecutor(loop), 64)
                .subscribe(catchUp);
    }

    /** Streams the journal's unacked messages at the pace the socket takes them. */
    private final class CatchUp extends BaseSubscriber<Outbound> {
        private boolean waiting;

        @Override
        protected void hookOnSubscribe(Subscription s) {
            request(1);
        }

        @Override
        protected void hookOnNext(Outbound o) {
            if (state != State.ESTABLISHED) {
                dispose();
                return;
            }
            if (o.linkSeq() > highestHandled) {
                transmit(o);
            }
            if (ch.isWritable()) {
                request(1);
            } else {
                waiting = true;
            }
        }

        void resume() {
            if (waiting) {
                waiting = false;
                request(1);
            }
        }

        @Override
        protected void hookOnComplete() {
            catchingUp = false;
            catchUp = null;
            drain();
        }

        @Override
        protected void hookOnError(Throwable e) {
            catchingUp = false;
            fail("reading unacked messages from the journal failed: " + e);
        }
    }

    private void transmit(Outbound o) {
        highestHandled = o.linkSeq();
        long wait = o.notBeforeMillis() - links.now();
        Frame.Data frame = new Frame.Data(o.linkSeq(), o.body());
        if (wait > 0) {
            // Held back (-delay); if the link dies first, the journal still has it and the next
            // link resends it, no earlier than notBefore either.
            loop.schedule(() -> {
                if (state == State.ESTABLISHED) {
                    writeNow(frame);
                }
            }, wait, TimeUnit.MILLISECONDS);
        } else {
            writeNow(frame);
        }
    }

    /** From the ticker: heartbeats, and the timeouts that close a silent or stuck connection. */
    void tick(long now) {
        State s = state;
        if (s == State.CLOSED) {
            return;
        }
        if (s != State.ESTABLISHED) {
            if (now - openedAt > links.config().handshakeTimeout().toMillis()) {
                fail("handshake not completed within " + links.config().handshakeTimeout().toMillis() + " ms");
            }
            return;
        }
        if (receivePending) {
            lastHeard = now; // paused by our own journal: not the peer's silence
        } else if (now - lastHeard > links.config().heartbeatTimeout().toMillis()) {
            failQuietly("heartbeat timeout: silent for " + (now - lastHeard) + " ms");
            return;
        }
        if (now - lastSent >= links.config().heartbeatInterval().toMillis()) {
            write(Frame.Heartbeat.INSTANCE);
        }
    }

    void gossip(List<Frame.PeerInfo> peers) {
        if (state == State.ESTABLISHED) {
            write(new Frame.Gossip(peers));
        }
    }

    private void write(Frame f) {
        if (loop.inEventLoop()) {
            writeNow(f);
        } else {
            loop.execute(() -> writeNow(f));
        }
    }

    private void writeNow(Frame f) {
        if (!ch.isActive()) {
            return;
        }
        ch.write(FrameCodec.encode(ch.alloc(), f), ch.voidPromise());
        lastSent = links.now();
        if (!flushScheduled) {
            // Coalesces every write of this event-loop turn into one flush (one syscall).
            flushScheduled = true;
            loop.execute(() -> {
                flushScheduled = false;
                ch.flush();
            });
        }
    }

    // ---------------------------------------------------------------- closing

    /** Closes for bad input or failure: one WARN line saying why and who. */
    void fail(String reason) {
        if (closing.compareAndSet(false, true)) {
            closeReason = reason;
            log.warn("{} closing connection with {}: {}", links.selfId().shortForm(), who(), reason);
            conn.dispose();
        }
    }

    /** Closes for an ordinary reason (timeout, duplicate, shutdown): logged at INFO/DEBUG. */
    void failQuietly(String reason) {
        if (closing.compareAndSet(false, true)) {
            closeReason = reason;
            log.info("{} closing connection with {}: {}", links.selfId().shortForm(), who(), reason);
            conn.dispose();
        }
    }

    void closeQuietly(String reason) {
        if (closing.compareAndSet(false, true)) {
            closeReason = reason;
            log.debug("{} closing connection with {}: {}", links.selfId().shortForm(), who(), reason);
            conn.dispose();
        }
    }

    private void closed() {
        state = State.CLOSED;
        queue.clear();
        if (closeReason == null) {
            closeReason = "connection closed by the peer";
        }
        if (dial != null) {
            dial.ended(links.now());
        }
        links.sessionClosed(this, closeReason);
    }

    Mono<Void> onDispose() {
        return conn.onDispose();
    }

    String who() {
        PeerState p = peer;
        String addr = String.valueOf(ch.remoteAddress());
        return p == null ? addr + " (not yet identified)" : p.id + " \"" + p.name() + "\" at " + addr;
    }

    private static String reasonOf(Throwable e) {
        Throwable t = e;
        while ((t instanceof DecoderException || t.getClass() == RuntimeException.class) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ProtocolException) {
            return t.getMessage();
        }
        if (t instanceof IOException) {
            return "connection error: " + t.getMessage();
        }
        return t.toString();
    }
}

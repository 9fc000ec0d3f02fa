package peerchat.engine.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.identity.Identity;
import peerchat.store.event.NodeId;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.NettyInbound;

/**
 * One TCP connection to one peer: the handshake, the receiving half (in order, deduplicated,
 * acknowledged after the journal append), presence and closing; the sending half is its
 * {@link LinkSender}.
 *
 * <p>Threading: every write and all outbound state belong to the channel's event loop. Inbound
 * frames are handled one at a time in arrival order (a DATA frame's journal append must complete
 * before the next frame is looked at), possibly on the journal's thread; the receive-side state
 * they touch is either confined to that sequence or thread-safe.
 */
final class LinkSession {
    /** How the native transport words a failed system call; group 1 is the errno's text. */
    private static final Pattern NATIVE_CALL_FAILED = Pattern.compile("\\w+\\(\\.\\.\\) failed(?: with error\\(-?\\d+\\))?: (.*)");
    private static final Logger log = LoggerFactory.getLogger(LinkSession.class);

    private enum State { AWAIT_HELLO, AWAIT_PROOF, ESTABLISHED, CLOSED }

    /** How long a closing connection waits for what it wrote to go out. */
    static final long CLOSE_FLUSH_MILLIS = 500;
    /**
     * How long a node shutting down waits for what it sent to a peer to be written before it says
     * BYE: while the peer keeps taking it, up to {@link #QUIT_DRAIN_MAX_MILLIS}; once it has taken
     * nothing for {@link #QUIT_STALL_MILLIS}, no longer. Unacked messages are resent at the next
     * link anyway, so this only spares the peer the wait for them.
     */
    static final long QUIT_STALL_MILLIS = 3000;
    static final long QUIT_DRAIN_MAX_MILLIS = 20_000;
    /** How long a node shutting down waits, after its BYE, for the peer to close the connection. */
    static final long QUIT_LINGER_MILLIS = 1500;

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
    private final AtomicBoolean ackScheduled = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final RateLimit controlFrames;
    private final LinkSender sender;

    private volatile State state = State.AWAIT_HELLO;
    private volatile PeerState peer;
    private volatile byte[] peerNonce;
    /** The fingerprint of the TLS certificate the peer presented on this connection. */
    private volatile byte[] peerCert;
    private volatile Frame.Hello hello;
    private volatile InetSocketAddress helloAddress;
    private volatile SeqTracker tracker;
    private volatile String closeReason;
    private volatile boolean peerQuit;
    private volatile long lastHeard;
    /** Where the handshake timeout counts from: the opening, or the last time this node was found behind. */
    private volatile long handshakeFrom;
    private volatile boolean receivePending;
    private int lastGossipDigest;

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
        this.handshakeFrom = openedAt;
        this.sender = new LinkSender(links, ch, () -> state == State.ESTABLISHED && !closing.get(), this::fail);
        this.controlFrames = new RateLimit(links.config().controlFramesPerSecond(), openedAt);
        links.random().nextBytes(myNonce);
        links.sentNonce(myNonce);
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
                    if (isProtocolViolation(e)) {
                        fail(reasonOf(e));
                    } else {
                        failQuietly(reasonOf(e));
                    }
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

    /** The event loop this connection runs on (the node's thread). */
    EventLoop loop() {
        return loop;
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
        if (log.isTraceEnabled()) {
            log.trace("{} <- {} {}", links.selfId().shortForm(), peerId(), f.getClass().getSimpleName());
        }
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
        } else if (f instanceof Frame.Gossip gossip) {
            links.learn(gossip.peers(), this);
            links.heardRoster(gossip.roster(), peer.id);
        } else if (f instanceof Frame.Bye bye) {
            peerQuit = true;
            if (closing.get()) {
                conn.dispose(); // both said BYE: each has read all the other sent, nothing left to wait for
            } else {
                closeQuietly(PartingWords.reason(bye.words()));
            }
        } else if (!(f instanceof Frame.Heartbeat)) {
            throw new ProtocolException("unexpected " + f.getClass().getSimpleName() + " after the handshake");
        }
        return Mono.empty();
    }

    private void onHello(Frame.Hello h) {
        NodeId id = Handshake.checkHello(h);
        if (id.equals(links.selfId())) {
            // This node dialing itself reads back a nonce one of its own connections sent; any
            // other is a second node with this identity.
            links.connectedToSelf(this, h.nonce(), Handshake.address(h.host(), h.port(), remoteAddress()));
            closeQuietly("connection to self");
            return;
        }
        // Nothing the HELLO says is believed (stored, gossiped on) before the key proof: an
        // impostor must not be able to move a real peer's address.
        hello = h;
        helloAddress = Handshake.address(h.host(), h.port(), remoteAddress());
        peerNonce = h.nonce().clone();
        PeerState p = links.peer(id);
        peer = p;
        tracker = p.tracker(() -> links.journal().receivedFrom(id));
        state = State.AWAIT_PROOF;
        peerCert = LinkTls.peerFingerprint(ch);
        byte[] signature = links.identity().sign(Handshake.proofData(peerNonce, links.selfId(), id, links.tls().ownFingerprint(), peerCert));
        write(new Frame.Proof(signature, tracker.prefix()));
    }

    private void onProof(Frame.Proof pr) {
        byte[] signed = Handshake.proofData(myNonce, peer.id, links.selfId(), peerCert, links.tls().ownFingerprint());
        if (pr.signature() == null || !Identity.verify(hello.publicKey(), signed, pr.signature())) {
            throw new ProtocolException("key proof failed: cannot sign for the id " + peer.id + " it claims");
        }
        if (pr.receivedUpTo() < 0) {
            throw new ProtocolException("negative receivedUpTo in PROOF");
        }
        peer.publicKey(hello.publicKey());
        peer.heard(hello.name(), helloAddress);
        links.proven(dialedAddress, peer.id);
        links.learn(hello.peers(), this);
        // Before the link is up, so that a message sent on seeing it up goes to the members told of.
        links.heardRoster(hello.roster(), peer.id);
        int outcome = links.establish(this);
        if (outcome < 0) {
            if (links.closed()) {
                // This node began shutting down meanwhile and takes no new link, but the peer may
                // have this one up already, on our PROOF: it is told, as on the links that were up.
                quit();
            } else {
                closeQuietly("duplicate connection: the pair already has one");
            }
            return;
        }
        if (dial != null) {
            dial.succeeded();
        }
        links.acked(peer, pr.receivedUpTo());
        state = State.ESTABLISHED;
        log.debug("{} linked to {} ({}) over {}", links.selfId().shortForm(), peer.id.shortForm(), peer.name(),
                dialed ? "our dial" : "their dial");
        sender.start(peer.id, pr.receivedUpTo());
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
        PeerState p = peer;
        Mono<Void> taking;
        try {
            taking = links.journal().receive(p.id, seq, d.body());
        } catch (RuntimeException e) {
            taking = Mono.error(e); // a journal that takes the message at once may also fail at once
        }
        if (Completion.isDone(taking)) {
            taken(p, t, seq);
            return Mono.empty();
        }
        taking = taking.doOnSuccess(v -> taken(p, t, seq))
                .doOnError(e -> {
                    t.abandon(seq);
                    receivePending = false;
                })
                .cache();
        // Subscribed here, not by the inbound stream: a connection that closes meanwhile cancels
        // its wait only, never the journal's work, or the seq would stay claimed and never be
        // taken, and the peer's later messages would wait behind it for good.
        taking.subscribe(v -> { }, e -> { });
        return taking.onErrorMap(e -> new ProtocolException("journal refused message " + seq + ": " + e));
    }

    /** The journal has message {@code seq} durably: it counts as received and is acknowledged. */
    private void taken(PeerState p, SeqTracker t, long seq) {
        t.add(seq);
        receivePending = false;
        lastHeard = links.now();
        // Over whichever connection the peer has now: this one may have closed meanwhile.
        LinkSession current = p.session();
        (current == null ? this : current).scheduleAck();
    }

    /**
     * Acks wait, as TCP's delayed ACK does, so that one covers everything taken meanwhile: with
     * messages one at a time, an ack each cost every receiver a frame back, and the sender a
     * wake-up and two syscalls per copy, on the very cores delivering the message. 5 ms was still
     * an ack for every three messages on a link of a 10-node group typing at machine speed (three
     * acks per message sent); 50 ms, TCP's order of magnitude, makes it one per ~30 a link takes,
     * and took the 10-node p50 from ~140 to ~120 us (raw loopback peers: 80) and its p99 from ~330
     * to ~225 us. An ack only lets the sender forget a message; a late one costs at most a resend
     * after a crash, which the receiver drops by its seq.
     */
    static final long ACK_DELAY_MILLIS = 50;

    private void scheduleAck() {
        if (ackScheduled.compareAndSet(false, true)) {
            loop.schedule(() -> {
                ackScheduled.set(false);
                if (state == State.ESTABLISHED) {
                    sender.write(new Frame.Ack(tracker.prefix()));
                }
            }, ACK_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    // ---------------------------------------------------------------- outbound

    /** Called by {@code send} on any thread: into the bounded buffer, or left to the journal. */
    void offer(Outbound o) {
        if (state == State.ESTABLISHED) {
            sender.offer(o);
        }
    }

    void onWritable() {
        sender.onWritable();
    }

    /** From the ticker: heartbeats, and the timeouts that close a silent or stuck connection. */
    void tick(long now) {
        State s = state;
        if (s == State.CLOSED) {
            return;
        }
        if (s == State.ESTABLISHED && now - sender.lastSent() >= links.config().heartbeatInterval().toMillis()) {
            write(Frame.Heartbeat.INSTANCE);
        }
        // Judged on the event loop, after it has had its turn at reading the socket: a loop that
        // is merely behind must not take its own backlog for the peer's silence.
        loop.execute(() -> checkTimeouts(now));
    }

    /** This node itself was not running (GC, a suspended laptop, a starved CPU) or was behind: nobody's fault, both timeouts count from now. */
    void grace(long now) {
        lastHeard = Math.max(lastHeard, now);
        handshakeFrom = Math.max(handshakeFrom, now);
    }

    /**
     * On the event loop, for the tick of {@code tickedAt}. A check that waited there longer than a
     * heartbeat interval (and a quarter of the timeout: a test's 100 ms interval is an ordinary
     * delay on a busy machine, and one such delay per timeout would keep a dead link forever)
     * found this node behind (its loop busy with a backlog, or starved of CPU while the ticker's
     * thread was not): what it has not read yet, and the handshake replies among it, are no sign
     * of the peer's silence, so the timeouts start again from now. Ten nodes on two cores in a
     * flood were behind by 8 s at once, took every link for silent, and their reconnecting and
     * resending kept them behind for minutes.
     */
    private void checkTimeouts(long tickedAt) {
        long now = links.now();
        State s = state;
        if (s == State.CLOSED) {
            return;
        }
        LinkConfig config = links.config();
        if (now - tickedAt > Math.max(config.heartbeatInterval().toMillis(), config.heartbeatTimeout().toMillis() / 4)) {
            grace(now);
            return;
        }
        if (s != State.ESTABLISHED) {
            if (now - handshakeFrom > config.handshakeTimeout().toMillis()) {
                fail("handshake not completed within " + config.handshakeTimeout().toMillis() + " ms");
            }
            return;
        }
        if (receivePending) {
            lastHeard = now; // paused by our own journal: not the peer's silence
        } else if (now - lastHeard > config.heartbeatTimeout().toMillis()) {
            failQuietly("heartbeat timeout: silent for " + (now - lastHeard) + " ms");
        }
    }

    /** Sends what this node knows if it changed since the last gossip on this link, or if {@code always}. */
    void gossip(List<Frame.PeerInfo> peers, boolean always, List<Frame.Known> roster) {
        if (state != State.ESTABLISHED) {
            return;
        }
        int digest = new java.util.HashSet<>(peers).hashCode();
        if (always || digest != lastGossipDigest) {
            lastGossipDigest = digest;
            write(new Frame.Gossip(peers, roster));
        }
    }

    private void write(Frame f) {
        sender.write(f);
    }

    // ---------------------------------------------------------------- closing

    /** Closes for bad input or failure: one WARN line saying why and who. */
    void fail(String reason) {
        if (closing.compareAndSet(false, true)) {
            closeReason = reason;
            log.warn("{} closing connection with {}: {}", links.selfId().shortForm(), who(), reason);
            flushThenClose();
        }
    }

    /** Closes for an ordinary reason (timeout, duplicate, shutdown): logged at INFO/DEBUG. */
    void failQuietly(String reason) {
        if (closing.compareAndSet(false, true)) {
            closeReason = reason;
            log.info("{} closing connection with {}: {}", links.selfId().shortForm(), who(), reason);
            flushThenClose();
        }
    }

    /**
     * What this side wrote goes out before the close: over TLS, a HELLO written before the
     * handshake is over waits in the TLS handler, and a close in the same turn as the peer's
     * first frame (a node that dialed itself, a copy of this node's identity) dropped it, so the
     * other end never learnt why.
     */
    private void flushThenClose() {
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> conn.dispose());
        // A peer that stopped reading (the usual reason for a heartbeat timeout) never lets that
        // flush finish: closed anyway, or the dead connection stayed open and the pair never
        // linked again (a flood of ten cold --json nodes stalled so in two benchmark passes).
        loop.schedule(conn::dispose, CLOSE_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * This node is shutting down: the peer is told before the connection closes, with the user's
     * parting words, so it shows this node offline at once.
     *
     * <p>Said from the moment this side has sent its PROOF, not only once it has the peer's: the
     * peer takes the link up on our PROOF, and may have done so while ours still waits for its
     * PROOF (a node that quit within ~50 ms of a link coming up left the peer saying "connection
     * closed by the peer" after the grace, 4 times in ~75 quick restart/quit cycles). The BYE
     * follows our PROOF on the wire, so the peer reads it after it took the link up. Before our
     * PROOF (AWAIT_HELLO) no BYE is said, nor can be: the peer refuses any frame but a PROOF there
     * as bad input, and it cannot have this connection up without our PROOF, so its end closes
     * as a handshake that never completed, which presence never saw: nothing to correct.
     *
     * <p>Decided on the event loop, where the handshake moves: judged from another thread (a
     * user's {@code /quit}), the state could be read just before the loop wrote our PROOF.
     */
    void quit() {
        if (!loop.inEventLoop()) {
            loop.execute(this::quit);
            return;
        }
        if (state == State.ESTABLISHED && !closing.get()) {
            // What the user sent just before (a script's burst, piped in and then the end of
            // input) goes out before the BYE, which the peer takes as the last frame.
            sender.afterDrained(this::sayByeAndClose, QUIT_STALL_MILLIS, QUIT_DRAIN_MAX_MILLIS);
        } else {
            sayByeAndClose();
        }
    }

    private void sayByeAndClose() {
        if (closing.get() || !(state == State.AWAIT_PROOF || state == State.ESTABLISHED)) {
            closeQuietly("node shutting down");
            return;
        }
        write(new Frame.Bye(links.partingWords()));
        closing.set(true);
        closeReason = "node shutting down";
        log.debug("{} closing connection with {}: said BYE, waiting for the peer to close", links.selfId().shortForm(), who());
        // Not closed from this end yet: a socket closed with the peer's frames still unread
        // resets the connection, and what was still in flight to the peer (the end of a burst)
        // was lost with it. The peer closes on reading the BYE, so its close means it read
        // everything before; one that does not answer is closed after a while.
        loop.schedule(conn::dispose, QUIT_LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The peer said BYE: it is shutting down, not just this connection. */
    boolean peerQuit() {
        return peerQuit;
    }

    void closeQuietly(String reason) {
        if (closing.compareAndSet(false, true)) {
            closeReason = reason;
            log.debug("{} closing connection with {}: {}", links.selfId().shortForm(), who(), reason);
            flushThenClose();
        }
    }

    private void closed() {
        state = State.CLOSED;
        sender.stop();
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
        Frame.Hello h = hello;
        String addr = String.valueOf(ch.remoteAddress());
        if (p == null) {
            return addr + " (not yet identified)";
        }
        String name = h == null ? p.name() : h.name();
        return p.id + " \"" + name + "\" at " + addr + (state == State.ESTABLISHED ? "" : " (unproven)");
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof DecoderException || t.getClass() == RuntimeException.class) && t.getCause() != null) {
            t = t.getCause();
        }
        // TLS failures are bad input like a bad frame: said at WARN, with what they mean.
        if (t instanceof NotSslRecordException) {
            return new ProtocolException("not TLS: the peer speaks plain TCP (a peerchat older than protocol "
                    + WireConstants.PROTOCOL_VERSION + ", or not peerchat)");
        }
        if (t instanceof SSLHandshakeException) {
            return new ProtocolException("TLS handshake failed: " + t.getMessage());
        }
        return t;
    }

    /** Bad input from the peer (WARN), as opposed to the network or the peer going away (INFO). */
    private static boolean isProtocolViolation(Throwable e) {
        return unwrap(e) instanceof ProtocolException;
    }

    /** Why a link ended, for a user's eyes ("bob went offline (connection reset by peer)") as well as the log. */
    static String reasonOf(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof reactor.netty.channel.AbortedException) {
            return "connection closed: " + t.getMessage();
        }
        if (t instanceof ProtocolException) {
            return t.getMessage();
        }
        if (t instanceof IOException) {
            String message = String.valueOf(t.getMessage());
            // The native transport names the system call and errno: "recvAddress(..) failed with
            // error(-104): Connection reset by peer". The errno's own text is what says anything.
            Matcher nativeCall = NATIVE_CALL_FAILED.matcher(message);
            if (nativeCall.matches()) {
                String what = nativeCall.group(1);
                return what.isEmpty() ? message : Character.toLowerCase(what.charAt(0)) + what.substring(1);
            }
            return "connection error: " + message;
        }
        return t.toString();
    }
}

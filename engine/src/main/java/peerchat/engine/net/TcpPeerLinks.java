package peerchat.engine.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.identity.Identity;
import peerchat.store.event.NodeId;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.NettyInbound;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * {@link PeerLinks} over TCP with Reactor Netty. One ticker per node drives heartbeats, timeouts,
 * gossip and (re)dialing; each connection is a {@link LinkSession}.
 *
 * <p>Who dials: seeds are dialed by anyone; a peer learned by gossip is dialed only by the side
 * with the lower id. If two connections to one peer complete anyway, both sides keep the same one
 * (the one dialed by the lower id; between two from the same side, the lower dialer nonce) and
 * close the other.
 */
public final class TcpPeerLinks implements PeerLinks {
    private static final Logger log = LoggerFactory.getLogger(TcpPeerLinks.class);
    static final AttributeKey<LinkSession> SESSION = AttributeKey.valueOf("peerchat.session");
    private static volatile LoopResources sharedLoops;

    private final Identity identity;
    private final LinkJournal journal;
    private final LinkConfig config;
    private final Clock clock;
    private final LoopResources loops;
    private final SecureRandom random = new SecureRandom();
    private final Map<NodeId, PeerState> peers = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, DialState> seeds = new ConcurrentHashMap<>();
    private final Set<LinkSession> sessions = ConcurrentHashMap.newKeySet();
    private final Sinks.Many<LinkEvent> events = Sinks.many().multicast().onBackpressureBuffer(4096, false);
    private final Object emitLock = new Object();

    private volatile DisposableServer server;
    private volatile InetSocketAddress advertised;
    private volatile Disposable ticker;
    private volatile boolean closed;
    private long nextGossipAt;

    /** Links on the JVM-wide shared event loops (many nodes in one JVM share them). */
    public TcpPeerLinks(Identity identity, LinkJournal journal, LinkConfig config, Clock clock) {
        this(identity, journal, config, clock, sharedLoops());
    }

    public TcpPeerLinks(Identity identity, LinkJournal journal, LinkConfig config, Clock clock, LoopResources loops) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.loops = Objects.requireNonNull(loops, "loops");
    }

    /** The event loops every {@code TcpPeerLinks} of this JVM uses unless given others (daemon threads). */
    public static LoopResources sharedLoops() {
        LoopResources l = sharedLoops;
        if (l == null) {
            synchronized (TcpPeerLinks.class) {
                l = sharedLoops;
                if (l == null) {
                    l = LoopResources.create("peerchat-net", Math.max(2, Runtime.getRuntime().availableProcessors()), true);
                    sharedLoops = l;
                }
            }
        }
        return l;
    }

    @Override
    public Mono<InetSocketAddress> start() {
        return TcpServer.create()
                .runOn(loops)
                .bindAddress(config::listen)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .doOnChannelInit((obs, ch, remote) -> framing(ch.pipeline()))
                .handle((in, out) -> session(in, null, null))
                .bind()
                .map(s -> {
                    server = s;
                    InetSocketAddress bound = (InetSocketAddress) s.address();
                    advertised = config.advertised() != null ? config.advertised() : bound;
                    nextGossipAt = now() + config.gossipInterval().toMillis();
                    ticker = Flux.interval(config.tick(), config.tick(), Schedulers.parallel())
                            .subscribe(t -> tick(), e -> log.error("link ticker died", e));
                    log.debug("{} ({}) listening on {}", identity.id().shortForm(), config.name(), bound);
                    return bound;
                });
    }

    private void framing(io.netty.channel.ChannelPipeline pipeline) {
        // addFirst twice: the decoder ends up nearest the socket, the writability watcher after it.
        pipeline.addFirst("peerchat.writability", new WritabilityWatcher());
        pipeline.addFirst("peerchat.frames", new FrameDecoder(config.maxFrameBytes()));
    }

    private Mono<Void> session(NettyInbound in, InetSocketAddress dialedAddress, DialState dial) {
        LinkSession[] holder = new LinkSession[1];
        in.withConnection(c -> holder[0] = new LinkSession(this, c, dialedAddress, dial));
        LinkSession s = holder[0];
        if (closed) {
            s.closeQuietly("node shutting down");
        }
        sessions.add(s);
        return s.run(in);
    }

    @Override
    public void connect(InetSocketAddress seed) {
        Objects.requireNonNull(seed, "seed");
        seeds.computeIfAbsent(seed, a -> new DialState(config.backoffMin(), config.backoffMax()));
        Schedulers.parallel().schedule(this::tick);
    }

    @Override
    public void send(NodeId to, long linkSeq, byte[] body, long notBeforeMillis) {
        if (body.length > WireConstants.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("body of " + body.length + " bytes exceeds " + WireConstants.MAX_BODY_BYTES);
        }
        PeerState p = peers.get(to);
        LinkSession s = p == null ? null : p.session();
        if (s != null) {
            s.offer(new Outbound(linkSeq, body, notBeforeMillis));
        }
    }

    @Override
    public Flux<LinkEvent> events() {
        return events.asFlux();
    }

    @Override
    public Set<NodeId> connected() {
        return peers.values().stream()
                .filter(p -> {
                    LinkSession s = p.session();
                    return s != null && s.established();
                })
                .map(p -> p.id)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Where peers are told to dial this node; null before {@link #start()}. */
    public InetSocketAddress advertisedAddress() {
        return advertised;
    }

    public NodeId selfId() {
        return identity.id();
    }

    @Override
    public Mono<Void> close() {
        return Mono.defer(() -> {
            closed = true;
            Disposable t = ticker;
            if (t != null) {
                t.dispose();
            }
            List<Mono<Void>> gone = new ArrayList<>();
            for (LinkSession s : sessions) {
                gone.add(s.onDispose());
                s.closeQuietly("node shutting down");
            }
            DisposableServer srv = server;
            Mono<Void> serverGone = srv == null ? Mono.empty() : Mono.fromRunnable(() -> srv.disposeNow(Duration.ofSeconds(5)))
                    .subscribeOn(Schedulers.boundedElastic()).then();
            return Mono.when(gone).timeout(Duration.ofSeconds(5), Mono.empty())
                    .then(serverGone)
                    .doFinally(x -> {
                        synchronized (emitLock) {
                            events.tryEmitComplete();
                        }
                    });
        });
    }

    // ---------------------------------------------------------------- the ticker

    private void tick() {
        if (closed) {
            return;
        }
        try {
            long now = now();
            for (LinkSession s : sessions) {
                s.tick(now);
            }
            if (now >= nextGossipAt) {
                nextGossipAt = now + config.gossipInterval().toMillis();
                List<Frame.PeerInfo> known = knownPeers();
                for (PeerState p : peers.values()) {
                    LinkSession s = p.session();
                    if (s != null) {
                        s.gossip(known);
                    }
                }
            }
            for (Map.Entry<InetSocketAddress, DialState> seed : seeds.entrySet()) {
                if (!reaches(seed.getKey()) && seed.getValue().tryBegin(now)) {
                    dial(seed.getKey(), seed.getValue());
                }
            }
            NodeId self = identity.id();
            for (PeerState p : peers.values()) {
                InetSocketAddress a = p.address();
                if (a != null && self.compareTo(p.id) < 0 && p.session() == null && p.dial.tryBegin(now)) {
                    dial(a, p.dial);
                }
            }
        } catch (RuntimeException e) {
            log.error("link maintenance failed", e);
        }
    }

    private boolean reaches(InetSocketAddress seed) {
        for (PeerState p : peers.values()) {
            LinkSession s = p.session();
            if (s != null && (seed.equals(s.dialedAddress) || seed.equals(p.address()))) {
                return true;
            }
        }
        return false;
    }

    private void dial(InetSocketAddress address, DialState dial) {
        if (closed) {
            dial.ended(now());
            return;
        }
        TcpClient.newConnection()
                .runOn(loops)
                .remoteAddress(() -> address)
                .bindAddress(() -> new InetSocketAddress(config.listen().getAddress(), 0))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .doOnChannelInit((obs, ch, remote) -> framing(ch.pipeline()))
                .handle((in, out) -> session(in, address, dial))
                .connect()
                .subscribe(c -> { }, e -> {
                    log.debug("{} cannot reach {}: {}", identity.id().shortForm(), address, e.toString());
                    dial.ended(now());
                });
    }

    // ---------------------------------------------------------------- called by sessions

    PeerState peer(NodeId id) {
        return peers.computeIfAbsent(id, k -> new PeerState(k, new DialState(config.backoffMin(), config.backoffMax())));
    }

    /** -1: refuse (the pair keeps the connection it has); 1: the first link; 0: replaces the current one. */
    int establish(LinkSession s) {
        if (closed) {
            return -1;
        }
        PeerState p = peer(s.peerId());
        LinkSession loser;
        int outcome;
        synchronized (p) {
            LinkSession cur = p.session();
            if (cur == null || cur.isClosed()) {
                p.session(s);
                return 1;
            }
            if (keeps(s, cur)) {
                p.session(s);
                loser = cur;
                outcome = 0;
            } else {
                return -1;
            }
        }
        loser.closeQuietly("replaced by the pair's preferred connection");
        return outcome;
    }

    /** Whether {@code a} is preferred to {@code b}: both ends of the pair decide alike. */
    private boolean keeps(LinkSession a, LinkSession b) {
        NodeId lower = identity.id().compareTo(a.peerId()) < 0 ? identity.id() : a.peerId();
        boolean aLower = a.dialer().equals(lower);
        boolean bLower = b.dialer().equals(lower);
        if (aLower != bLower) {
            return aLower;
        }
        return a.dialerNonce().compareTo(b.dialerNonce()) < 0;
    }

    void peerUp(LinkSession s) {
        PeerState p = peer(s.peerId());
        emit(new LinkEvent.PeerUp(p.id, p.name(), p.address(), p.publicKey()));
    }

    void sessionClosed(LinkSession s, String reason) {
        sessions.remove(s);
        NodeId id = s.peerId();
        if (id == null) {
            return;
        }
        PeerState p = peers.get(id);
        if (p == null) {
            return;
        }
        boolean down;
        synchronized (p) {
            down = p.session() == s;
            if (down) {
                p.session(null);
            }
        }
        if (down) {
            emit(new LinkEvent.PeerDown(id, reason));
            if (!closed) {
                Schedulers.parallel().schedule(this::tick);
            }
        }
    }

    void connectedToSelf(LinkSession s) {
        if (s.dialedAddress != null && seeds.remove(s.dialedAddress) != null) {
            log.info("{}: seed {} is this node itself; not dialing it again", identity.id().shortForm(), s.dialedAddress);
        }
    }

    void acked(PeerState p, long upTo) {
        if (p.ack(upTo, () -> journal.ackedUpTo(p.id))) {
            journal.acked(p.id, upTo);
        }
    }

    /** Peers named in a HELLO or GOSSIP: remembered, and dialed by the tick if this node is the lower id. */
    void learn(List<Frame.PeerInfo> infos, LinkSession from) {
        if (infos == null) {
            return;
        }
        if (infos.size() > WireConstants.MAX_GOSSIP_PEERS) {
            throw new ProtocolException("flooding: gossip lists " + infos.size() + " peers");
        }
        for (Frame.PeerInfo info : infos) {
            if (info == null) {
                throw new ProtocolException("null entry in gossip");
            }
            NodeId id = Handshake.nodeId(info.id());
            String name = Handshake.name(info.name());
            InetSocketAddress address = Handshake.address(info.host(), info.port(), from.remoteAddress());
            if (id.equals(identity.id())) {
                continue;
            }
            PeerState p = peer(id);
            if (p.session() != null || address.equals(p.address())) {
                continue; // a live link's own HELLO is better information than hearsay
            }
            p.heard(name, address);
            emit(new LinkEvent.PeerHeard(id, name, address));
        }
    }

    Frame.Hello hello(byte[] nonce) {
        InetSocketAddress a = advertised;
        return new Frame.Hello(identity.id().value(), identity.publicKey(), config.name(),
                a.getAddress().getHostAddress(), a.getPort(), nonce, knownPeers());
    }

    private List<Frame.PeerInfo> knownPeers() {
        List<Frame.PeerInfo> out = new ArrayList<>();
        for (PeerState p : peers.values()) {
            InetSocketAddress a = p.address();
            if (a != null && out.size() < WireConstants.MAX_GOSSIP_PEERS) {
                out.add(new Frame.PeerInfo(p.id.value(), p.name(), a.getAddress().getHostAddress(), a.getPort()));
            }
        }
        return out;
    }

    private void emit(LinkEvent e) {
        synchronized (emitLock) {
            Sinks.EmitResult r = events.tryEmitNext(e);
            if (r.isFailure() && r != Sinks.EmitResult.FAIL_TERMINATED) {
                log.warn("{} dropped link event {} ({}): no subscriber keeps up", identity.id().shortForm(), e, r);
            }
        }
    }

    long now() {
        return clock.millis();
    }

    LinkConfig config() {
        return config;
    }

    SecureRandom random() {
        return random;
    }


    Identity identity() {
        return identity;
    }

    LinkJournal journal() {
        return journal;
    }

    /** Tells the connection's session when the socket can take more after it filled up. */
    private static final class WritabilityWatcher extends ChannelInboundHandlerAdapter {
        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            LinkSession s = ctx.channel().attr(SESSION).get();
            if (s != null) {
                s.onWritable();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public boolean isSharable() {
            return false;
        }
    }

}

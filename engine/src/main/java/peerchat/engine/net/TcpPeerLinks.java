package peerchat.engine.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.identity.Identity;
import peerchat.store.event.NodeId;
import peerchat.store.projection.KnownUser;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
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
    /** What HELLO says this node is called: the config's name until the user takes another. */
    private volatile String name;
    private final Clock clock;
    private final LoopResources loops;
    private final SecureRandom random = new SecureRandom();
    private final LinkTls tls = LinkTls.shared();
    private final Map<NodeId, PeerState> peers = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, DialState> seeds = new ConcurrentHashMap<>();
    private final Set<LinkSession> sessions = ConcurrentHashMap.newKeySet();
    /** Who answered at a seed address: a seed is satisfied while that peer is linked, whichever side dialed. */
    private final Map<InetSocketAddress, NodeId> seedOwners = new ConcurrentHashMap<>();
    private final Sinks.Many<LinkEvent> events = Sinks.many().multicast().onBackpressureBuffer(4096, false);
    private final Object emitLock = new Object();

    /** Dials and handshakes in progress at most, per node. */
    private static final int MAX_PENDING_DIALS = 4;
    /**
     * Accepted connections still handshaking, at most, from one address and from all: a host that
     * opens connections and says nothing (a port scanner, a script reconnecting in a loop, a
     * flood) holds at most this many sessions for a handshake timeout each, not one per
     * connection. One address is allowed many because every node of one host comes from it (a
     * test or a bench runs 30 on 127.0.0.1, and all dial a newcomer at once).
     */
    static final int MAX_HANDSHAKES_PER_ADDRESS = 64;
    static final int MAX_HANDSHAKES = 256;
    private final RefusedConnections refused = new RefusedConnections();
    private final java.util.concurrent.atomic.AtomicInteger connecting = new java.util.concurrent.atomic.AtomicInteger();
    private volatile DisposableServer server;
    private volatile InetSocketAddress advertised;
    private volatile Disposable ticker;
    private volatile boolean closed;
    private volatile String partingWords = "";
    private volatile Roster roster = (users, stamps, now) -> List.of();
    private long nextGossipAt;
    private long gossipRound;
    private long lastTickAt;
    private final long origin = System.nanoTime();
    /** After this many heartbeat timeouts without a link to a peer, the higher id dials it too. */
    static final int FALLBACK_TIMEOUTS = 3;
    private final java.util.concurrent.atomic.AtomicBoolean gossipDirty = new java.util.concurrent.atomic.AtomicBoolean();
    /** Gossip is sent when what a node knows changed, and in full every this many rounds regardless (heals lost state). */
    private static final int GOSSIP_REFRESH_ROUNDS = 10;

    /** Links on the JVM-wide shared event loops (many nodes in one JVM share them). */
    public TcpPeerLinks(Identity identity, LinkJournal journal, LinkConfig config, Clock clock) {
        this(identity, journal, config, clock, sharedLoops());
    }

    /** Links on the node's own thread (see {@link NodeLoop}). */
    public TcpPeerLinks(Identity identity, LinkJournal journal, LinkConfig config, Clock clock, NodeLoop loop) {
        this(identity, journal, config, clock, loop.loops());
    }

    public TcpPeerLinks(Identity identity, LinkJournal journal, LinkConfig config, Clock clock, LoopResources loops) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.config = Objects.requireNonNull(config, "config");
        this.name = config.name();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.loops = Objects.requireNonNull(loops, "loops");
    }

    /**
     * Starts loading TLS for links in the background (about half a second), so that a node
     * starting can overlap it with reading its log; the first links made wait for it otherwise.
     */
    public static void prepareTls() {
        LinkTls.prepare();
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
                .doOnChannelInit((obs, ch, remote) -> framing(ch, false))
                .handle((in, out) -> session(in, null, null))
                .bind()
                .map(s -> {
                    server = s;
                    InetSocketAddress bound = (InetSocketAddress) s.address();
                    advertised = config.advertised() != null ? config.advertised() : bound;
                    nextGossipAt = now() + config.gossipInterval().toMillis();
                    lastTickAt = now();
                    ticker = Flux.interval(config.tick(), config.tick(), Schedulers.parallel())
                            .subscribe(t -> tick(), e -> log.error("link ticker died", e));
                    log.info("{} ({}) listening on {} (TLS 1.3 by {})", identity.id().shortForm(), config.name(), bound, tls.provider());
                    return bound;
                });
    }

    private void framing(Channel ch, boolean dialer) {
        // addFirst each time: TLS ends up nearest the socket, then the frame decoder, then the
        // writability watcher. The session starts at once; what it writes before the TLS
        // handshake is over waits in the TLS handler, and nothing is read before it is over.
        ChannelPipeline pipeline = ch.pipeline();
        pipeline.addFirst("peerchat.writability", new WritabilityWatcher());
        pipeline.addFirst("peerchat.frames", new FrameDecoder(config.maxFrameBytes()));
        pipeline.addFirst("peerchat.tls", tls.handler(ch.alloc(), dialer));
    }

    private Mono<Void> session(NettyInbound in, InetSocketAddress dialedAddress, DialState dial) {
        LinkSession[] holder = new LinkSession[1];
        // Counted and added in one step: connections are accepted on more than one event loop.
        synchronized (sessions) {
            if (dialedAddress == null && !admitted(in)) {
                return Mono.empty();
            }
            in.withConnection(c -> holder[0] = new LinkSession(this, c, dialedAddress, dial));
            sessions.add(holder[0]);
        }
        LinkSession s = holder[0];
        if (closed) {
            s.closeQuietly("node shutting down");
        }
        return s.run(in);
    }

    /** Whether an accepted connection gets a session; if not, it is closed at once, before a byte is sent. */
    private boolean admitted(NettyInbound in) {
        Connection[] conn = new Connection[1];
        in.withConnection(c -> conn[0] = c);
        InetAddress from = ((InetSocketAddress) conn[0].channel().remoteAddress()).getAddress();
        int fromThere = 0;
        int all = 0;
        for (LinkSession s : sessions) {
            if (s.dialedAddress == null && !s.established() && !s.isClosed()) {
                all++;
                InetSocketAddress theirs = s.remoteAddress(); // null once its channel is gone
                if (theirs != null && from.equals(theirs.getAddress())) {
                    fromThere++;
                }
            }
        }
        if (fromThere < MAX_HANDSHAKES_PER_ADDRESS && all < MAX_HANDSHAKES) {
            return true;
        }
        refused.refused(from, fromThere >= MAX_HANDSHAKES_PER_ADDRESS
                ? fromThere + " connections from it are handshaking already"
                : all + " connections are handshaking already", now());
        conn[0].dispose();
        return false;
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
                .filter(p -> p.session() != null)
                .map(p -> p.id)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void rename(String newName) {
        this.name = Objects.requireNonNull(newName, "name");
    }

    /**
     * Who this node knows in which groups, asked on the links' thread for each HELLO and every
     * {@link #GOSSIP_REFRESH_ROUNDS} gossip rounds ({@link RosterWire}); none until set.
     */
    public void roster(Roster source) {
        this.roster = Objects.requireNonNull(source, "source");
    }

    @Override
    public boolean reaching() {
        return seeds.values().stream().anyMatch(DialState::firstUnderWay) || sessions.stream().anyMatch(s -> !s.established());
    }

    /** Where peers are told to dial this node; null before {@link #start()}. */
    public InetSocketAddress advertisedAddress() {
        return advertised;
    }

    /** Open connections, handshaking ones included: what "exactly one per pair" is checked against. */
    int openConnections() {
        return sessions.size();
    }

    public NodeId selfId() {
        return identity.id();
    }

    @Override
    public void partingWords(String words) {
        partingWords = PartingWords.check(words);
    }

    /** What a closing node's BYE says. */
    String partingWords() {
        return partingWords;
    }

    /** Whether {@link #close()} has begun: no new link is taken from then on. */
    boolean closed() {
        return closed;
    }

    private static final Duration CLOSE_MAX = Duration.ofMillis(LinkSession.QUIT_DRAIN_MAX_MILLIS + LinkSession.QUIT_LINGER_MILLIS + 3000);

    @Override
    public Mono<Void> close() {
        return Mono.defer(() -> {
            closed = true;
            synchronized (this) {
                // A tick under way (it holds this lock) finishes first: none dials on a node's
                // loop after the node stopped it.
            }
            Disposable t = ticker;
            if (t != null) {
                t.dispose();
            }
            List<Mono<Void>> gone = new ArrayList<>();
            for (LinkSession s : sessions) {
                gone.add(s.onDispose());
                s.quit();
            }
            DisposableServer srv = server;
            Mono<Void> serverGone = srv == null ? Mono.empty() : Mono.fromRunnable(() -> srv.disposeNow(Duration.ofSeconds(5)))
                    .subscribeOn(Schedulers.boundedElastic()).then();
            // Each link's BYE waits for what was sent to go out while the peer takes it, then for
            // the peer's close: bounded by those, and by this in case a loop is stuck.
            return Mono.when(gone).timeout(CLOSE_MAX, Mono.empty())
                    .then(serverGone)
                    .doFinally(x -> {
                        synchronized (emitLock) {
                            events.tryEmitComplete();
                        }
                    });
        });
    }

    // ---------------------------------------------------------------- the ticker

    /** Serialized: the interval and the nudges after connect() or a lost link may overlap. */
    private synchronized void tick() {
        if (closed) {
            return;
        }
        try {
            long now = now();
            long late = now - lastTickAt - config.tick().toMillis();
            lastTickAt = now;
            boolean stalled = late > config.heartbeatInterval().toMillis();
            for (LinkSession s : sessions) {
                if (stalled) {
                    s.grace(now);
                }
                s.tick(now);
            }
            // What is new travels at the next tick; the interval only bounds how stale a quiet mesh gets.
            if (now >= nextGossipAt || gossipDirty.getAndSet(false)) {
                nextGossipAt = now + config.gossipInterval().toMillis();
                List<Frame.PeerInfo> known = knownPeers();
                boolean refresh = ++gossipRound % GOSSIP_REFRESH_ROUNDS == 0;
                // Between refreshes the roster is not sent: what changes in it goes to everyone
                // known as a message; it only heals what someone missed.
                List<Frame.Known> users = refresh && !connected().isEmpty() ? RosterWire.write(roster.known(RosterWire.MAX_USERS, RosterWire.MAX_STAMPS_EACH, clock.millis())) : null;
                for (PeerState p : peers.values()) {
                    LinkSession s = p.session();
                    if (s != null) {
                        s.gossip(known, refresh, users);
                    }
                }
            }
            // Handshakes cost signatures: a node that just learned of many peers dials them a few
            // at a time rather than all at once, so that none of the handshakes times out.
            // Accepted connections count once they have said who they are (their handshake costs
            // signatures too); ones that have said nothing cost nothing, and a flood of them must
            // not stop this node from dialing.
            int budget = MAX_PENDING_DIALS - connecting.get() - (int) sessions.stream()
                    .filter(x -> !x.established() && (x.dialedAddress != null || x.peerId() != null)).count();
            for (Map.Entry<InetSocketAddress, DialState> seed : seeds.entrySet()) {
                if (budget > 0 && !reaches(seed.getKey()) && seed.getValue().tryBegin(now)) {
                    budget--;
                    dial(seed.getKey(), seed.getValue());
                }
            }
            NodeId self = identity.id();
            long fallback = config.heartbeatTimeout().toMillis() * FALLBACK_TIMEOUTS;
            for (PeerState p : peers.values()) {
                InetSocketAddress a = p.address();
                // The lower id dials (both at once would make two connections and close one); the
                // higher too once no link has led to the peer for a while: the lower one may be
                // dialing an address that is no longer the peer's, or a way that is shut, while
                // this side still reaches it.
                boolean dials = self.compareTo(p.id) < 0 || p.unlinkedFor(now) >= fallback;
                if (budget > 0 && a != null && dials && p.session() == null && p.dial.tryBegin(now)) {
                    budget--;
                    dial(a, p.dial);
                }
            }
        } catch (RuntimeException e) {
            log.error("link maintenance failed", e);
        }
    }

    private boolean reaches(InetSocketAddress seed) {
        NodeId owner = seedOwners.get(seed);
        if (owner != null) {
            PeerState known = peers.get(owner);
            if (known != null && known.session() != null) {
                return true;
            }
        }
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
        connecting.incrementAndGet();
        TcpClient.newConnection()
                .runOn(loops)
                .remoteAddress(() -> address)
                .bindAddress(() -> new InetSocketAddress(config.listen().getAddress(), 0))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .doOnChannelInit((obs, ch, remote) -> framing(ch, true))
                .handle((in, out) -> session(in, address, dial))
                .connect()
                .subscribe(c -> connecting.decrementAndGet(), e -> {
                    connecting.decrementAndGet();
                    log.debug("{} cannot reach {}: {}", identity.id().shortForm(), address, e.toString());
                    dial.ended(now());
                });
    }

    // ---------------------------------------------------------------- called by sessions

    PeerState peer(NodeId id) {
        return peers.computeIfAbsent(id, k -> new PeerState(k, new DialState(config.backoffMin(), config.backoffMax()), now()));
    }

    /**
     * -1: refuse (the pair keeps the connection it has); 1: the first link (PeerUp is emitted);
     * 0: replaces the current one, which presence does not notice. Presence events are emitted
     * under the peer's lock, so that Up and Down strictly alternate for each peer.
     */
    int establish(LinkSession s) {
        if (closed) {
            return -1;
        }
        PeerState p = peer(s.peerId());
        LinkSession loser;
        synchronized (p) {
            LinkSession cur = p.session();
            if (cur == null) {
                p.session(s);
                gossipDirty.set(true);
                if (p.cancelDown()) {
                    return 0; // back within the grace: presence never saw it go
                }
                emit(new LinkEvent.PeerUp(p.id, p.name(), p.address(), p.publicKey()));
                return 1;
            }
            if (!cur.isClosed() && !keeps(s, cur)) {
                return -1;
            }
            p.session(s);
            loser = cur;
        }
        loser.closeQuietly("replaced by the pair's preferred connection");
        return 0;
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
        long generation = 0;
        synchronized (p) {
            down = p.session() == s;
            if (down) {
                p.unlinked(now());
                if (closed || s.peerQuit()) {
                    // A peer that said BYE is gone, not one of a pair's two crossing connections.
                    emit(new LinkEvent.PeerDown(id, reason));
                } else {
                    generation = p.downPending(reason);
                }
            }
        }
        if (down && !closed && !s.peerQuit()) {
            // Two nodes dialing each other at once may lose the link each kept first to the
            // pair's preferred one a moment later: presence waits that long before it says down.
            long gen = generation;
            Schedulers.parallel().schedule(() -> confirmDown(p, gen), downGraceMillis(), TimeUnit.MILLISECONDS);
            Schedulers.parallel().schedule(this::tick);
        }
    }

    private long downGraceMillis() {
        return Math.max(500, config.heartbeatInterval().toMillis() * 2);
    }

    private void confirmDown(PeerState p, long generation) {
        synchronized (p) {
            String reason = p.takeDown(generation);
            if (reason != null) {
                emit(new LinkEvent.PeerDown(p.id, reason));
            }
        }
    }

    /** A dial proved who listens at {@code address}. */
    void proven(InetSocketAddress address, NodeId id) {
        if (address != null && seeds.containsKey(address)) {
            seedOwners.put(address, id);
        }
    }

    /**
     * Nonces this node's connections sent lately: a connection to itself reads one of them back,
     * perhaps after the connection that sent it has closed (both HELLOs cross on the wire).
     */
    private final Map<String, Boolean> ownNonces = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 1024;
                }
            });

    void sentNonce(byte[] nonce) {
        ownNonces.put(HexFormat.of().formatHex(nonce), Boolean.TRUE);
    }

    void connectedToSelf(LinkSession s, byte[] theirNonce, InetSocketAddress theirAddress) {
        if (!ownNonces.containsKey(HexFormat.of().formatHex(theirNonce))) {
            log.warn("{}: a node at {} ({}) says it is this node: a copy of its identity", identity.id().shortForm(),
                    theirAddress, s.remoteAddress());
            emit(new LinkEvent.SameIdentity(identity.id(), theirAddress));
            return;
        }
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
                probeSelfAt(address);
                continue;
            }
            PeerState p = peer(id);
            if (p.session() != null || address.equals(p.address())) {
                continue; // a live link's own HELLO is better information than hearsay
            }
            p.heard(name, address);
            gossipDirty.set(true);
            emit(new LinkEvent.PeerHeard(id, name, address));
        }
    }

    /** Addresses gossip gave for this node's own id, each taken as a seed once: see {@link #probeSelfAt}. */
    private final Set<InetSocketAddress> selfProbed = ConcurrentHashMap.newKeySet();

    /**
     * Gossip says this node's id is at an address that is not its own: a copy of its identity (a
     * data directory copied, a backup started beside the original), or where it was before. It is
     * taken as a seed, once (dialed with backoff, as seeds are): a copy answers HELLO with this id
     * and another nonce ({@link #connectedToSelf} says so, at most hourly per address); this node
     * itself, with its own nonce, is dropped as a seed; an old address answers nothing, or as
     * someone else. Before, only the beacon found a copy: two copies that only dialed
     * a --peer lost each other's messages without a word (QA, stop 30).
     */
    private void probeSelfAt(InetSocketAddress address) {
        InetSocketAddress own = advertised;
        if (address.equals(own) || selfProbed.size() >= MAX_SELF_PROBES || !selfProbed.add(address)) {
            return;
        }
        log.info("{}: gossip puts this node's id at {}, not its own address {}: dialing it (a copy of this identity?)",
                identity.id().shortForm(), address, own);
        connect(address);
    }

    /** Bounds the addresses probed: a peer gossiping many for this node's id costs at most so many dials. */
    private static final int MAX_SELF_PROBES = 16;

    /** A proven peer's roster: what it says of users and their groups goes to the node, which logs what is news. */
    void heardRoster(List<Frame.Known> told, NodeId from) {
        List<KnownUser> users = RosterWire.read(told);
        if (!users.isEmpty()) {
            emit(new LinkEvent.RosterHeard(from, users));
        }
    }

    Frame.Hello hello(byte[] nonce) {
        InetSocketAddress a = advertised;
        return new Frame.Hello(identity.id().value(), identity.publicKey(), name,
                a.getAddress().getHostAddress(), a.getPort(), nonce, knownPeers(), RosterWire.write(roster.known(RosterWire.MAX_USERS, RosterWire.MAX_STAMPS_EACH, clock.millis())));
    }

    /** Peers with a link first: what a newcomer most needs, and what is surest to answer. */
    private List<Frame.PeerInfo> knownPeers() {
        List<Frame.PeerInfo> linked = new ArrayList<>();
        List<Frame.PeerInfo> rest = new ArrayList<>();
        for (PeerState p : peers.values()) {
            InetSocketAddress a = p.address();
            if (a != null) {
                (p.session() != null ? linked : rest).add(new Frame.PeerInfo(p.id.value(), p.name(), a.getAddress().getHostAddress(), a.getPort()));
            }
        }
        linked.addAll(rest);
        return GossipPeers.fit(linked);
    }

    private void emit(LinkEvent e) {
        synchronized (emitLock) {
            Sinks.EmitResult r = events.tryEmitNext(e);
            if (r.isFailure() && r != Sinks.EmitResult.FAIL_TERMINATED) {
                log.warn("{} dropped link event {} ({}): no subscriber keeps up", identity.id().shortForm(), e, r);
            }
        }
    }

    /**
     * Milliseconds for intervals (heartbeats, handshake and dial timeouts, backoff, gossip, rate
     * limits), from a monotonic clock: with the wall clock, one set back (an NTP step, a VM
     * restored, a hand-set date) kept every timeout from firing and every redial from starting for
     * as long as the step; set forward, every link timed out at once.
     */
    long now() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - origin);
    }

    /** Wall-clock milliseconds: what is scheduled in wall time (a send's {@code -delay}). */
    long wallNow() {
        return clock.millis();
    }

    LinkConfig config() {
        return config;
    }

    LinkTls tls() {
        return tls;
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

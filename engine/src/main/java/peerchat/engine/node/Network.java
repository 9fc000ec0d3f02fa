package peerchat.engine.node;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.NodeConfig;
import peerchat.engine.discovery.Beacon;
import peerchat.engine.discovery.BeaconConfig;
import peerchat.engine.discovery.InterfaceChoice;
import peerchat.engine.discovery.LanAddress;
import peerchat.engine.identity.Identity;
import peerchat.engine.net.LinkConfig;
import peerchat.engine.net.LinkEvent;
import peerchat.engine.net.PartingWords;
import peerchat.engine.net.PeerLinks;
import peerchat.engine.net.TcpPeerLinks;
import peerchat.store.event.Event;
import peerchat.store.projection.KnownUser;
import peerchat.store.projection.Membership;
import peerchat.store.projection.UserInfo;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The node's side of the network: starts the links (on the first free port from the configured
 * one), dials seeds and every peer the log knows, and turns link events into presence in the log
 * and on the event stream.
 */
final class Network {
    private static final Logger LOG = LoggerFactory.getLogger(Network.class);

    private final PeerNode node;
    private final NodeConfig config;
    private final Identity identity;
    private final Messenger messenger;
    private final List<Disposable> subscriptions = new ArrayList<>();
    private volatile PeerLinks links;
    private volatile Beacon beacon;
    private final SameIdentityWarning sameIdentity;
    /** A link came up in this run, its roster taken before it (the links report them in that order). */
    private volatile boolean contacted;
    private volatile Mono<Void> settled = Mono.empty();
    /**
     * A start waits for the beacon to find someone when nothing it dials is reaching anyone: the
     * first beacon goes out at once and every node that hears it dials back, so a beacon interval
     * and {@link #BEACON_DIAL_SLACK} cover the first round. Over at once without discovery, and
     * when the beacon could not start; else from its start ({@link System#nanoTime}, not the
     * node's clock: a test's fixed clock must not hold it).
     */
    private volatile boolean beaconRoundOver;
    private volatile boolean beaconStarted;
    private volatile long beaconRoundEnd;

    /** How long commands at a start wait at most for the network ({@link #settled}), and how often it is asked. */
    static final Duration SETTLE_MAX = Duration.ofSeconds(5);
    private static final Duration SETTLE_POLL = Duration.ofMillis(20);
    /** What a beacon round is given beyond its interval for the nodes that heard it to dial and hand over their rosters. */
    static final Duration BEACON_DIAL_SLACK = Duration.ofSeconds(1);

    Network(PeerNode node, NodeConfig config, Identity identity, Messenger messenger) {
        this.node = node;
        this.config = config;
        this.identity = identity;
        this.messenger = messenger;
        this.sameIdentity = new SameIdentityWarning(config.clock());
        this.beaconRoundOver = !config.discovery();
    }

    /** Starts listening; completes with the {@code host:port} others reach it at ({@link Addresses#reachable}). */
    Mono<String> start() {
        return bind(config.listenPort(), config.listenPort() == 0 ? 0 : config.portSearch())
                .map(bound -> {
                    messenger.attach(links);
                    // Names are taken at once, on the links' thread: the peer's first message may be
                    // delivered before its presence is in the log.
                    subscriptions.add(links.events().doOnNext(e -> {
                        if (e instanceof LinkEvent.PeerUp up) {
                            node.met(up.peer(), up.name());
                        }
                    }).publishOn(node.thread()).concatMap(this::onLinkEvent)
                            .subscribe(v -> { }, e -> LOG.error("presence stopped following the links", e)));
                    for (String seed : config.seeds()) {
                        links.connect(Addresses.parse(seed, NodeConfig.DEFAULT_PORT));
                    }
                    for (UserInfo u : node.store().membership().users()) {
                        if (!u.self() && u.address() != null) {
                            links.connect(Addresses.parse(u.address(), NodeConfig.DEFAULT_PORT));
                        }
                    }
                    PeerLinks l = links;
                    settled = Flux.interval(Duration.ZERO, SETTLE_POLL, node.thread())
                            .filter(t -> contacted || !l.reaching() && beaconRoundOver())
                            .next().then()
                            .timeout(SETTLE_MAX, Mono.empty(), node.thread())
                            .onErrorResume(e -> {
                                // The node thread gone under it: the node closed within moments of its start.
                                LOG.debug("no longer waiting for the network: {}", e.toString());
                                return Mono.empty();
                            })
                            .cache();
                    settled.subscribe();
                    return bound;
                })
                // Reading the host's interfaces (which address a wildcard is reached at, whether the
                // beacon's is loopback) takes system calls: not on the links' event loop.
                .publishOn(Schedulers.boundedElastic())
                .flatMap(bound -> startDiscovery(bound).then(Mono.fromCallable(() -> Addresses.reachable(bound, LanAddress::now))));
    }

    /**
     * The UDP beacon, when on: every node heard that no link leads to yet is dialed. On a loopback
     * interface the beacon broadcasts to 127.255.255.255 (loopback has no multicast on most hosts);
     * elsewhere it multicasts on the chosen interface. With no usable interface yet (Wi-Fi not up at
     * login, the configured address not assigned yet) the beacon starts waiting and says so itself:
     * discovery is on and begins when the interface does. Only a beacon that cannot start at all (a
     * port it cannot bind, a listen address it cannot advertise) turns discovery off, and the node
     * goes on with its seeds and gossip.
     */
    private Mono<Void> startDiscovery(InetSocketAddress bound) {
        if (!config.discovery()) {
            return Mono.empty();
        }
        BeaconConfig beaconConfig;
        if (config.discoveryInterface() == null) {
            beaconConfig = BeaconConfig.lan();
        } else {
            InterfaceChoice iface = InterfaceChoice.parse(config.discoveryInterface()); // checked by NodeConfig
            beaconConfig = iface.applyTo(iface.loopback() ? BeaconConfig.loopback() : BeaconConfig.lan());
        }
        Beacon b = Beacon.create(beaconConfig, node.clock());
        AtomicBoolean heardAnyone = new AtomicBoolean();
        subscriptions.add(b.sightings().subscribe(s -> {
            heardAnyone.set(true);
            if (!s.id().equals(identity.id()) && !links.connected().contains(s.id())) {
                LOG.debug("beacon: {} at {}, dialing", s.id(), s.listenAddress());
                links.connect(s.listenAddress());
            }
        }, e -> LOG.warn("discovery stopped: {}", e.toString())));
        subscriptions.add(b.sameIdentity().subscribe(this::sameIdentityAt));
        if (config.seeds().isEmpty()) {
            subscriptions.add(Mono.delay(config.heartbeat().multipliedBy(NOBODY_AFTER_HEARTBEATS))
                    .filter(t -> !heardAnyone.get() && links.connected().isEmpty() && !node.closing())
                    .subscribe(t -> {
                        LOG.warn(NOBODY_FOUND);
                        node.thread().schedule(() -> node.emit(new ChatEvent.Warning(NOBODY_FOUND)));
                    }));
        }
        // Kept before it starts, so that a node closed meanwhile closes it too.
        beacon = b;
        return b.start(identity.id(), bound)
                .doOnSuccess(v -> {
                    LOG.info("discovery on: {}", beaconConfig);
                    beaconRoundEnd = System.nanoTime() + beaconConfig.interval().plus(BEACON_DIAL_SLACK).toNanos();
                    beaconStarted = true;
                })
                .onErrorResume(e -> {
                    LOG.warn("discovery off: the beacon could not start: {}", e.getMessage());
                    beaconRoundOver = true;
                    return b.close();
                });
    }

    private Mono<InetSocketAddress> bind(int port, int triesLeft) {
        LinkConfig base = config.heartbeat().toMillis() < 1000 ? LinkConfig.loopbackTest() : LinkConfig.lan();
        LinkConfig linkConfig = base.withName(config.name())
                .withListen(new InetSocketAddress(config.listenHost(), port))
                .withHeartbeat(config.heartbeat(), config.heartbeat().multipliedBy(5));
        TcpPeerLinks candidate = new TcpPeerLinks(identity, messenger, linkConfig, config.clock(), node.loop());
        candidate.roster(node.store().membership()::roster);
        return candidate.start()
                .doOnNext(bound -> links = candidate)
                .onErrorResume(e -> {
                    // Only a port in use is worth the next one: a host that does not resolve, or
                    // is not this machine's, fails on every port alike.
                    if (triesLeft <= 0 || !bindFailure(e).startsWith("the address is in use")) {
                        return candidate.close().then(Mono.error(new IllegalStateException(
                                "cannot listen on " + config.listenHost() + ":" + port + ": " + bindFailure(e), e)));
                    }
                    LOG.info("port {} is taken ({}), trying {}", port, e.getMessage(), port + 1);
                    return candidate.close().then(bind(port + 1, triesLeft - 1));
                });
    }

    /**
     * Why a bind failed, as a user can act on it: Netty's own message ("Failed to bind on [...]")
     * only repeats the address; the reason is its cause's ("Address already in use").
     */
    static String bindFailure(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getMessage() == null ? root.toString() : root.getMessage();
        // The JDK's BindException and the native transport's errno text ("bind(..) failed with error(-98): ...") both say it so.
        if (reason.toLowerCase(java.util.Locale.ROOT).contains("address already in use")) {
            return "the address is in use (another peerchat node, or another program, listens there: --listen HOST:PORT picks another)";
        }
        // A host name that does not resolve: the JDK says only the exception's name (QA).
        if (root instanceof java.nio.channels.UnresolvedAddressException || root instanceof java.net.UnknownHostException) {
            return "no such host (not an address of this machine, nor a name it can resolve)";
        }
        if (reason.toLowerCase(java.util.Locale.ROOT).contains("cannot assign requested address")) {
            return "not an address of this machine (--listen takes one of its own, or 0.0.0.0 for all)";
        }
        return reason;
    }

    private Mono<Void> onLinkEvent(LinkEvent event) {
        long now = node.clock().millis();
        if (event instanceof LinkEvent.PeerUp up) {
            String address = Addresses.text(up.listenAddress());
            List<Event> batch = List.of(
                    new Event.PeerSeen(up.peer(), up.name(), address, Base64.getEncoder().encodeToString(up.publicKey()), now),
                    new Event.PeerConnected(up.peer(), address, now));
            return node.store().appendAll(batch).publishOn(node.thread()).flatMap(i -> {
                contacted = true;
                node.invalidate();
                node.user(up.peer()).ifPresent(u -> node.emit(new ChatEvent.PeerUp(u)));
                messenger.linkUp(up.peer());
                return Mono.<Void>empty();
            });
        }
        if (event instanceof LinkEvent.PeerDown down) {
            return node.store().append(new Event.PeerDisconnected(down.peer(), down.reason(), now)).publishOn(node.thread())
                    .doOnNext(i -> {
                        node.invalidate();
                        node.user(down.peer()).ifPresent(u -> node.emit(new ChatEvent.PeerDown(u, down.reason())));
                        if (!node.closing()) {
                            messenger.linkLost(down.peer());
                        }
                    }).then();
        }
        if (event instanceof LinkEvent.RosterHeard told) {
            return heardOf(told, now);
        }
        if (event instanceof LinkEvent.SameIdentity same) {
            sameIdentityAt(same.address());
            return Mono.empty();
        }
        if (event instanceof LinkEvent.PeerHeard heard && !heard.peer().equals(identity.id())
                && !links.connected().contains(heard.peer())) {
            // Gossip alone left a mesh incomplete now and then (the lower id, which dials such
            // peers, had not heard of the higher): every node dials what it hears; the links
            // keep one connection per pair.
            links.connect(heard.address());
        }
        return Mono.empty();
    }

    /**
     * A node started with discovery and no seeds that has heard nobody after 30 heartbeats (30 s
     * on a LAN) says so, once, with what to do: when discovery fails it fails silently (a
     * firewall dropping the beacon's UDP, Wi-Fi access points that keep clients apart), and a user
     * alone in an empty window cannot tell that from nobody being there.
     */
    static final int NOBODY_AFTER_HEARTBEATS = 30;
    static final String NOBODY_FOUND = "no other node found on this network yet: if others run peerchat here,"
            + " the beacon may be blocked (a firewall on UDP 7117, Wi-Fi that keeps clients apart);"
            + " connect to one of them with --peer HOST:PORT (their address is on their title line)";

    /** Another node has this node's identity: the user is told, once an hour per address. */
    private void sameIdentityAt(InetSocketAddress at) {
        String text = sameIdentity.about(at);
        if (text != null) {
            LOG.error(text);
            node.thread().schedule(() -> node.emit(new ChatEvent.Warning(text)));
        }
    }

    /**
     * What a peer's roster says that this node did not know (a user, a newer join or leave),
     * logged, then shown: a node that came later, or was away, learns who is in its groups from
     * whoever it meets first, and its messages to a group go to the members it has not met too.
     */
    private Mono<Void> heardOf(LinkEvent.RosterHeard told, long now) {
        Membership membership = node.store().membership();
        List<Event.UserHeard> news = new ArrayList<>();
        for (KnownUser u : told.users()) {
            membership.news(told.peer(), u, now).ifPresent(news::add);
        }
        if (news.isEmpty()) {
            return Mono.empty();
        }
        LOG.info("{} told of {} users or groups not known here: {}", node.label(told.peer()), news.size(),
                news.stream().map(h -> h.id().shortForm() + h.groups().stream().map(g -> (g.member() ? " +" : " -") + g.group())
                        .collect(java.util.stream.Collectors.joining())).collect(java.util.stream.Collectors.joining(", ")));
        return node.store().appendAll(List.copyOf(news)).publishOn(node.thread()).doOnNext(i -> node.heardOf(news)).then();
    }

    /**
     * Completes, on the node thread, once this run has heard from the network: a link came up
     * (with its roster taken: who is in which group now), or no address it dials can answer and
     * the beacon's first round found nobody, or {@link #SETTLE_MAX} passed. A node knows its groups' members only as of its last run until
     * then, and a message sent at once after a start (a script piping a line in) went to those:
     * a member who joined meanwhile never got it, one who left did (QA, stop 28, 2 of 2). A node
     * that only the beacon could introduce (no seeds, nobody known from a run before) sent it to
     * nobody: its own first beacon had not been heard yet.
     */
    Mono<Void> settled() {
        return settled;
    }

    private boolean beaconRoundOver() {
        return beaconRoundOver || beaconStarted && System.nanoTime() - beaconRoundEnd >= 0;
    }

    /** The name this node gives in handshakes from now on. */
    void rename(String name) {
        PeerLinks l = links;
        if (l != null) {
            l.rename(name);
        }
    }

    /** What the peers are told on this node's close: see {@link PeerLinks#partingWords}. */
    void partingWords(String words) {
        PeerLinks l = links;
        if (l != null) {
            l.partingWords(words);
        } else {
            PartingWords.check(words); // nobody to tell yet, but words that could not be sent are still refused
        }
    }

    Mono<Void> close() {
        subscriptions.forEach(Disposable::dispose);
        Beacon b = beacon;
        PeerLinks l = links;
        return (b == null ? Mono.<Void>empty() : b.close()).then(l == null ? Mono.empty() : l.close());
    }
}

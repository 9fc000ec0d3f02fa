package peerchat.engine.discovery;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioChannelOption;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.store.event.NodeId;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.resources.LoopResources;
import reactor.netty.udp.UdpInbound;
import reactor.netty.udp.UdpServer;

/**
 * The beacon on Reactor Netty UDP. Two sockets: a receiver on the shared port with SO_REUSEADDR,
 * so that every node of a host hears every beacon; and a sender bound to the interface's address,
 * so that beacons leave by that interface only and carry its address as their source.
 *
 * <p>The multicast receiver binds the group address (it hears that group only). The broadcast
 * receiver binds the wildcard, because Java refuses to bind an IPv4 channel to a broadcast
 * address; it keeps only datagrams from the interface's own subnet, so a loopback beacon hears
 * loopback only. Netty stays inside this class: datagrams become byte arrays, then
 * {@link BeaconMessage}s, at the edge.
 *
 * <p>Both sockets belong to one interface and address, and laptops change those under a running
 * node (a new lease, another Wi-Fi, no Wi-Fi yet at login). So the beacon follows the network: an
 * {@link InterfaceWatch} looks again now and then, and when what it finds is not what the sockets
 * are bound to ({@link InterfaceChange}), both are let go of and bound anew, or the beacon waits
 * with none until an interface is back.
 */
final class UdpBeacon implements Beacon {
    private static final Logger log = LoggerFactory.getLogger(UdpBeacon.class);
    private static final Duration EMIT_RETRY = Duration.ofMillis(100);
    /** Both sockets are closed by then: no quiet period is needed before the I/O thread stops. */
    private static final Duration LOOP_SHUTDOWN = Duration.ofSeconds(5);

    private final BeaconConfig config;
    private final Clock clock;
    private final InetSocketAddress destination;
    private final Sinks.Many<Sighting> sightings = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<InetSocketAddress> sameIdentity = Sinks.many().multicast().directBestEffort();
    private final AtomicBoolean started = new AtomicBoolean();
    private final LoopResources loops = LoopResources.create("peerchat-beacon", 1, true);
    private final InterfaceWatch watch;
    private final Mono<Void> closing = Mono.defer(this::shutDown).cache();

    private final Object lock = new Object();
    private boolean closed;
    /** The sockets now, null while waiting for an interface. Written under the lock. */
    private volatile Binding bound;
    /** A wait has been logged at WARN and its end is still to be logged. Only the looks touch it. */
    private volatile boolean waitAnnounced;
    private Disposable ticks;
    private Disposable watching;

    /** Who this beacon announces, and the filter every receiver it binds shares. */
    private record Self(NodeId id, InetSocketAddress listen, SightingFilter filter) {
    }

    /** Both sockets on one interface, and the datagram that advertises this node there. */
    private static final class Binding {
        final BeaconInterface iface;
        final Connection receiver;
        final Connection sender;
        final byte[] datagram;
        /** Why the last beacon could not be sent; null once one was. */
        volatile Throwable sendFailure;
        /** The failure has been logged at WARN: its end is logged too. */
        final AtomicBoolean failureAnnounced = new AtomicBoolean();

        Binding(BeaconInterface iface, Connection receiver, Connection sender, byte[] datagram) {
            this.iface = iface;
            this.receiver = receiver;
            this.sender = sender;
            this.datagram = datagram;
        }

        boolean intact() {
            return !receiver.isDisposed() && !sender.isDisposed();
        }
    }

    UdpBeacon(BeaconConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.destination = new InetSocketAddress(config.destination(), config.port());
        this.watch = new InterfaceWatch(config);
    }

    /**
     * Start fails only for what waiting cannot mend: a listen address peers cannot dial, or
     * sockets that cannot be bound on an interface that is there (the port held by a socket
     * without SO_REUSEADDR, a privileged port). No usable interface is not such a case: a laptop
     * often starts the node before its Wi-Fi is up, so the beacon starts waiting, logs it once at
     * WARN, and binds when an interface appears. A port problem found only then is logged the
     * same way and tried again at every look: it cannot be told from one that goes away.
     */
    @Override
    public Mono<Void> start(NodeId self, InetSocketAddress listen) {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(listen, "listen");
        return Mono.defer(() -> {
            if (!started.compareAndSet(false, true)) {
                return Mono.error(new IllegalStateException("beacon already started"));
            }
            Self me;
            try {
                // Checked now, not when an interface turns up: a wildcard listener is fine, port 0 is not.
                new BeaconMessage(self, listen);
                me = new Self(self, listen, new SightingFilter(self, config.dedupWindow(), clock));
            } catch (IllegalArgumentException e) {
                return close().then(Mono.error(e));
            }
            return InterfaceWatch.look(config)
                    .flatMap(look -> look.found().isPresent()
                            ? bind(look.found().get(), me).then()
                            : Mono.<Void>fromRunnable(() -> announceWait(look.whyNone())))
                    .then(Mono.<Void>fromRunnable(() -> run(me)))
                    // Half a beacon is no use: let go of whatever was bound, then report why.
                    .onErrorResume(e -> close().then(Mono.error(e)));
        });
    }

    @Override
    public Flux<Sighting> sightings() {
        return sightings.asFlux();
    }

    @Override
    public Flux<InetSocketAddress> sameIdentity() {
        return sameIdentity.asFlux();
    }

    @Override
    public Mono<Void> close() {
        return closing;
    }

    /** Beacons every interval on whatever is bound then, and the looks that keep it bound right. */
    private void run(Self me) {
        Disposable sending = Flux.interval(Duration.ZERO, config.interval())
                .onBackpressureDrop()
                .concatMap(tick -> send(bound))
                .subscribe();
        Disposable looking = watch.watch(look -> follow(look, me));
        synchronized (lock) {
            if (closed) {
                sending.dispose();
                looking.dispose();
            } else {
                ticks = sending;
                watching = looking;
            }
        }
    }

    private Mono<Void> send(Binding b) {
        if (b == null) {
            return Mono.empty();
        }
        return b.sender.outbound()
                .sendObject(new DatagramPacket(Unpooled.wrappedBuffer(b.datagram), destination))
                .then()
                .doOnSuccess(v -> {
                    b.sendFailure = null;
                    if (b.failureAnnounced.compareAndSet(true, false)) {
                        log.info("beacon sending again to {} from {}", destination, b.iface);
                    }
                })
                .onErrorResume(e -> {
                    if (bound != b) {
                        return Mono.empty(); // let go of meanwhile: a new binding sends the next one
                    }
                    // The usual reason is an address that has gone: look now, not at the next period.
                    // Only if the look finds the network as it was is the failure worth a WARN (follow).
                    log.debug("beacon could not be sent to {} from {}: {}", destination, b.iface, e.toString());
                    b.sendFailure = e;
                    watch.nudge();
                    return Mono.empty();
                });
    }

    /** One look: keep the sockets, move them, let them go or bind them, as the network now asks. */
    private Mono<Void> follow(InterfaceWatch.Look look, Self me) {
        Binding was = bound;
        // A socket closed under us (its callback asked for this look): bind both again, as after a wait.
        boolean broken = was != null && !was.intact();
        Optional<BeaconInterface> before = was == null || broken ? Optional.empty() : Optional.of(was.iface);
        InterfaceChange change = InterfaceChange.between(before, look.found());
        if (change == InterfaceChange.NONE && !broken) {
            if (was == null) {
                log.debug("discovery still waiting: {}", look.whyNone());
            } else {
                announceSendFailure(was);
            }
            return Mono.empty();
        }
        Mono<Void> letGo = broken || change.unbinds() ? unbind(was) : Mono.empty();
        if (!change.binds()) {
            return letGo.then(Mono.<Void>fromRunnable(() -> announceWait(look.whyNone())));
        }
        BeaconInterface now = look.found().orElseThrow();
        return letGo.then(bind(now, me))
                .doOnNext(b -> {
                    if (waitAnnounced || broken) {
                        waitAnnounced = false;
                        log.info("discovery on again: {}", now);
                    } else if (change == InterfaceChange.MOVED) {
                        log.info("discovery moved to {} (was {})", now, before.orElseThrow());
                    }
                })
                .onErrorResume(e -> {
                    if (!isClosed()) {
                        announceWait("could not bind on " + now + ": " + reason(e));
                    }
                    return Mono.empty();
                })
                .then();
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /**
     * Beacons that do not leave although the interface is as it was (no route, a firewall): nothing
     * a new binding would mend, so the user should know. Once, not every tick; sends go on trying.
     */
    private void announceSendFailure(Binding b) {
        Throwable failure = b.sendFailure;
        if (failure != null && b.failureAnnounced.compareAndSet(false, true)) {
            log.warn("beacon could not be sent to {} from {}: {}", destination, b.iface, failure.toString());
        }
    }

    /** Said once per wait at WARN (a wait can be long); every further look that finds nothing at DEBUG. */
    private void announceWait(String why) {
        if (waitAnnounced) {
            log.debug("discovery still waiting: {}", why);
            return;
        }
        waitAnnounced = true;
        log.warn("discovery waiting: {}; looking again every {}", why, readable(config.interfaceCheck()));
    }

    private static String readable(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * Both sockets on this interface, then kept as the binding unless the beacon was closed
     * meanwhile. Started on {@code boundedElastic}: finding the interface reads the host's interface
     * list, and a move would otherwise do it on the I/O thread, where the old sockets' closing ends.
     */
    private Mono<Binding> bind(BeaconInterface iface, Self me) {
        return Mono.defer(() -> {
            byte[] datagram;
            NetworkInterface nic;
            try {
                datagram = BeaconCodec.encode(new BeaconMessage(me.id(), advertised(me.listen(), iface)));
                nic = iface.nic();
            } catch (SocketException | IllegalArgumentException e) {
                return Mono.error(e);
            }
            return bindReceiver(iface, nic, me)
                    .flatMap(receiver -> bindSender(iface, nic)
                            .onErrorResume(e -> disposed(receiver).then(Mono.error(e)))
                            .map(sender -> new Binding(iface, receiver, sender, datagram)))
                    .flatMap(this::keep)
                    .doOnNext(b -> log.debug("beacon of {} up on {} ({} to {}:{})", me.id(), iface,
                            config.mode(), config.destination().getHostAddress(), config.port()));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<Binding> keep(Binding b) {
        synchronized (lock) {
            if (closed) {
                b.receiver.dispose();
                b.sender.dispose();
                return Mono.error(new IllegalStateException("beacon closed while binding"));
            }
            bound = b;
        }
        b.receiver.onDispose(() -> lost(b, "receiver"));
        b.sender.onDispose(() -> lost(b, "sender"));
        return Mono.just(b);
    }

    private void lost(Binding b, String which) {
        synchronized (lock) {
            if (closed || bound != b) {
                return; // let go of on purpose
            }
        }
        log.warn("beacon {} socket on {} closed unexpectedly: binding again", which, b.iface);
        watch.nudge();
    }

    private Mono<Void> unbind(Binding b) {
        synchronized (lock) {
            if (bound == b) {
                bound = null;
            }
        }
        // Waited for: the old receiver's group membership goes with its socket, before the new one joins.
        return Mono.when(disposed(b.receiver), disposed(b.sender));
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** A wildcard listener is reachable at the interface address, which is what peers must dial. */
    private static InetSocketAddress advertised(InetSocketAddress listen, BeaconInterface iface) {
        return listen.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress(iface.address(), listen.getPort())
                : listen;
    }

    private Mono<? extends Connection> bindReceiver(BeaconInterface iface, NetworkInterface nic,
                                                    Self me) {
        Sinks.Empty<Void> joined = Sinks.empty();
        return UdpServer.create()
                .runOn(loops, SocketProtocolFamily.INET)
                .bindAddress(() -> new InetSocketAddress(receiverAddress(), config.port()))
                .option(ChannelOption.SO_REUSEADDR, true)
                .handle((in, out) -> joinIfMulticast(in, nic)
                        .doOnSuccess(v -> joined.tryEmitEmpty())
                        .doOnError(joined::tryEmitError)
                        .thenMany(in.receiveObject())
                        .doOnNext(object -> onDatagram(object, iface, me))
                        .then())
                .bind()
                // Beacons sent before the join would be lost: report the receiver only once it hears.
                .flatMap(connection -> joined.asMono()
                        .timeout(Duration.ofSeconds(10))
                        .doOnError(e -> connection.dispose())
                        .thenReturn(connection));
    }

    private InetAddress receiverAddress() {
        return config.mode() == BeaconMode.MULTICAST ? config.destination() : BeaconConfig.ANY_INTERFACE;
    }

    private Mono<Void> joinIfMulticast(UdpInbound in, NetworkInterface nic) {
        return config.mode() == BeaconMode.MULTICAST ? in.join(config.destination(), nic) : Mono.empty();
    }

    private Mono<? extends Connection> bindSender(BeaconInterface iface, NetworkInterface nic) {
        UdpServer server = UdpServer.create()
                .runOn(loops, SocketProtocolFamily.INET)
                .bindAddress(() -> new InetSocketAddress(iface.address(), 0))
                // Nothing is meant to arrive here; drain whatever does so that it is released.
                .handle((in, out) -> in.receiveObject().then());
        if (config.mode() == BeaconMode.BROADCAST) {
            return server.option(ChannelOption.SO_BROADCAST, true).bind();
        }
        return server.option(ChannelOption.IP_MULTICAST_IF, nic)
                .option(ChannelOption.IP_MULTICAST_TTL, config.multicastTtl())
                // Loop on, so that nodes on this host hear us. Set as the JDK's own option: Netty's NIO
                // channel (the one these sockets get) hands IP_MULTICAST_LOOP_DISABLED to the JDK's
                // IP_MULTICAST_LOOP as it is, so "not disabled" turned the loop off.
                .option(NioChannelOption.of(StandardSocketOptions.IP_MULTICAST_LOOP), true)
                .bind();
    }

    private void onDatagram(Object object, BeaconInterface iface, Self me) {
        SightingFilter filter = me.filter();
        if (!(object instanceof DatagramPacket)) {
            log.debug("ignored a {} on the beacon port", object.getClass().getSimpleName());
            return;
        }
        DatagramPacket packet = (DatagramPacket) object;
        InetSocketAddress from = packet.sender();
        if (config.mode() == BeaconMode.BROADCAST && (from == null || !iface.onLink(from.getAddress()))) {
            log.debug("ignored datagram from {}: not on the subnet of {}/{}", from,
                    iface.address().getHostAddress(), iface.prefixLength());
            return;
        }
        try {
            BeaconMessage message = BeaconCodec.decode(ByteBufUtil.getBytes(packet.content()));
            Sighting sighting = new Sighting(message.id(), dialable(message.listen(), from));
            if (filter.otherSelf(sighting, advertised(me.listen(), iface))) {
                log.warn("a node at {} announces this node's id {}: a copy of its identity", sighting.listenAddress(), me.id());
                sameIdentity.tryEmitNext(sighting.listenAddress());
            }
            if (filter.admit(sighting)) {
                Sinks.EmitResult result = sightings.tryEmitNext(sighting);
                if (result.isFailure()) {
                    // Nobody took it (no subscriber yet, or all too slow): let the next beacon try again.
                    filter.forget(sighting);
                    log.trace("sighting of {} not delivered: {}", sighting.id(), result);
                }
            }
        } catch (MalformedBeaconException e) {
            log.debug("ignored datagram from {}: {}", from, e.getMessage());
        } catch (RuntimeException e) {
            // Whatever one datagram does, the receiver must go on hearing the others.
            log.warn("ignored datagram from {}: {}", from, e.toString());
        }
    }

    /** A peer that advertises a wildcard is reachable at the address its beacon came from. */
    private static InetSocketAddress dialable(InetSocketAddress advertised, InetSocketAddress from) {
        if (advertised.getAddress().isAnyLocalAddress() && from != null) {
            return new InetSocketAddress(from.getAddress(), advertised.getPort());
        }
        return advertised;
    }

    private Mono<Void> shutDown() {
        Binding b;
        synchronized (lock) {
            closed = true;
            if (ticks != null) {
                ticks.dispose();
            }
            if (watching != null) {
                watching.dispose();
            }
            b = bound;
            bound = null;
        }
        return (b == null ? Mono.<Void>empty() : Mono.when(disposed(b.receiver), disposed(b.sender)))
                .then(loops.disposeLater(Duration.ZERO, LOOP_SHUTDOWN))
                .doFinally(signal -> {
                    sightings.emitComplete(Sinks.EmitFailureHandler.busyLooping(EMIT_RETRY));
                    sameIdentity.emitComplete(Sinks.EmitFailureHandler.busyLooping(EMIT_RETRY));
                });
    }

    private static Mono<Void> disposed(Connection connection) {
        connection.dispose();
        return connection.onDispose();
    }
}

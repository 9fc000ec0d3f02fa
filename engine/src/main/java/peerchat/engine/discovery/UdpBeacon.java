package peerchat.engine.discovery;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioChannelOption;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.store.event.NodeId;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
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
 */
final class UdpBeacon implements Beacon {
    private static final Logger log = LoggerFactory.getLogger(UdpBeacon.class);
    private static final Duration EMIT_RETRY = Duration.ofMillis(100);
    /** Both sockets are closed by then: no quiet period is needed before the I/O thread stops. */
    private static final Duration LOOP_SHUTDOWN = Duration.ofSeconds(5);

    private final BeaconConfig config;
    private final Clock clock;
    private final Sinks.Many<Sighting> sightings = Sinks.many().multicast().directBestEffort();
    private final AtomicBoolean started = new AtomicBoolean();
    private final LoopResources loops = LoopResources.create("peerchat-beacon", 1, true);
    private final Mono<Void> closing = Mono.defer(this::shutDown).cache();

    private final Object lock = new Object();
    private boolean closed;
    private Connection receiver;
    private Connection sender;
    private Disposable ticks;

    UdpBeacon(BeaconConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Mono<Void> start(NodeId self, InetSocketAddress listen) {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(listen, "listen");
        return Mono.defer(() -> {
            if (!started.compareAndSet(false, true)) {
                return Mono.error(new IllegalStateException("beacon already started"));
            }
            BeaconInterface iface;
            byte[] datagram;
            try {
                iface = BeaconInterface.resolve(config);
                datagram = BeaconCodec.encode(new BeaconMessage(self, advertised(listen, iface)));
            } catch (SocketException | IllegalArgumentException e) {
                return close().then(Mono.error(e));
            }
            SightingFilter filter = new SightingFilter(self, config.dedupWindow(), clock);
            return bindReceiver(iface, filter)
                    .flatMap(r -> adopt(r, true))
                    .then(Mono.defer(() -> bindSender(iface)))
                    .flatMap(s -> adopt(s, false))
                    .doOnNext(s -> startTicks(s, datagram))
                    .doOnSuccess(s -> log.debug("beacon of {} up on {} ({} to {}:{})", self, iface.address(),
                            config.mode(), config.destination().getHostAddress(), config.port()))
                    .then()
                    // Half a beacon is no use: let go of whatever was bound, then report why.
                    .onErrorResume(e -> close().then(Mono.error(e)));
        });
    }

    @Override
    public Flux<Sighting> sightings() {
        return sightings.asFlux();
    }

    @Override
    public Mono<Void> close() {
        return closing;
    }

    /** A wildcard listener is reachable at the interface address, which is what peers must dial. */
    private static InetSocketAddress advertised(InetSocketAddress listen, BeaconInterface iface) {
        if (listen.isUnresolved()) {
            throw new IllegalArgumentException("listen address must be resolved: " + listen);
        }
        return listen.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress(iface.address(), listen.getPort())
                : listen;
    }

    private Mono<? extends Connection> bindReceiver(BeaconInterface iface, SightingFilter filter) {
        Sinks.Empty<Void> joined = Sinks.empty();
        return UdpServer.create()
                .runOn(loops, SocketProtocolFamily.INET)
                .bindAddress(() -> new InetSocketAddress(receiverAddress(), config.port()))
                .option(ChannelOption.SO_REUSEADDR, true)
                .handle((in, out) -> joinIfMulticast(in, iface)
                        .doOnSuccess(v -> joined.tryEmitEmpty())
                        .doOnError(joined::tryEmitError)
                        .thenMany(in.receiveObject())
                        .doOnNext(object -> onDatagram(object, iface, filter))
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

    private Mono<Void> joinIfMulticast(UdpInbound in, BeaconInterface iface) {
        return config.mode() == BeaconMode.MULTICAST ? in.join(config.destination(), iface.nic()) : Mono.empty();
    }

    private Mono<? extends Connection> bindSender(BeaconInterface iface) {
        UdpServer server = UdpServer.create()
                .runOn(loops, SocketProtocolFamily.INET)
                .bindAddress(() -> new InetSocketAddress(iface.address(), 0))
                // Nothing is meant to arrive here; drain whatever does so that it is released.
                .handle((in, out) -> in.receiveObject().then());
        if (config.mode() == BeaconMode.BROADCAST) {
            return server.option(ChannelOption.SO_BROADCAST, true).bind();
        }
        return server.option(ChannelOption.IP_MULTICAST_IF, iface.nic())
                .option(ChannelOption.IP_MULTICAST_TTL, config.multicastTtl())
                // Loop on, so that nodes on this host hear us. Set as the JDK's own option: Netty's NIO
                // channel (the one these sockets get) hands IP_MULTICAST_LOOP_DISABLED to the JDK's
                // IP_MULTICAST_LOOP as it is, so "not disabled" turned the loop off.
                .option(NioChannelOption.of(StandardSocketOptions.IP_MULTICAST_LOOP), true)
                .bind();
    }

    /** Keeps a bound socket unless the beacon was closed meanwhile, in which case it is let go. */
    private Mono<Connection> adopt(Connection connection, boolean isReceiver) {
        synchronized (lock) {
            if (closed) {
                connection.dispose();
                return Mono.error(new IllegalStateException("beacon closed while starting"));
            }
            if (isReceiver) {
                receiver = connection;
            } else {
                sender = connection;
            }
            connection.onDispose(() -> {
                synchronized (lock) {
                    if (!closed) {
                        log.warn("beacon {} socket closed unexpectedly: discovery has stopped",
                                isReceiver ? "receiver" : "sender");
                    }
                }
            });
            return Mono.just(connection);
        }
    }

    private void startTicks(Connection connection, byte[] datagram) {
        InetSocketAddress destination = new InetSocketAddress(config.destination(), config.port());
        AtomicBoolean failing = new AtomicBoolean();
        Disposable running = Flux.interval(Duration.ZERO, config.interval())
                .onBackpressureDrop()
                .concatMap(tick -> connection.outbound()
                        .sendObject(new DatagramPacket(Unpooled.wrappedBuffer(datagram), destination))
                        .then()
                        .doOnSuccess(v -> {
                            if (failing.compareAndSet(true, false)) {
                                log.info("beacon sending again to {}", destination);
                            }
                        })
                        // One lost beacon is nothing: the next tick tries again. Say so once, not every tick.
                        .onErrorResume(e -> {
                            if (failing.compareAndSet(false, true)) {
                                log.warn("beacon could not be sent to {}: {}", destination, e.toString());
                            }
                            return Mono.empty();
                        }))
                .subscribe();
        synchronized (lock) {
            if (closed) {
                running.dispose();
            } else {
                ticks = running;
            }
        }
    }

    private void onDatagram(Object object, BeaconInterface iface, SightingFilter filter) {
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
        Connection r;
        Connection s;
        synchronized (lock) {
            closed = true;
            if (ticks != null) {
                ticks.dispose();
            }
            r = receiver;
            s = sender;
        }
        return Mono.when(disposed(r), disposed(s))
                .then(loops.disposeLater(Duration.ZERO, LOOP_SHUTDOWN))
                .doFinally(signal -> sightings.emitComplete(Sinks.EmitFailureHandler.busyLooping(EMIT_RETRY)));
    }

    private static Mono<Void> disposed(Connection connection) {
        if (connection == null) {
            return Mono.empty();
        }
        connection.dispose();
        return connection.onDispose();
    }
}

package peerchat.engine.discovery;

import java.net.InetSocketAddress;
import java.time.Clock;
import peerchat.store.event.NodeId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The UDP discovery beacon: announces this node (id and TCP listen address) on the LAN again and
 * again, and reports the other nodes it hears. One beacon per node; start it once.
 */
public interface Beacon {

    static Beacon create(BeaconConfig config, Clock clock) {
        return new UdpBeacon(config, clock);
    }

    /**
     * Binds the receiver, then sends a beacon at once and every {@link BeaconConfig#interval()}.
     * A wildcard {@code listen} host is advertised as the beacon interface's address, so that peers
     * can dial it. From then on the beacon follows the network: it looks for its interface again
     * every {@link BeaconConfig#interfaceCheck()} (and at once when a beacon cannot be sent), binds
     * anew when the interface or its address has changed, and waits while there is none.
     *
     * <p>Completes when both sockets are bound, or when there is no usable interface yet (the
     * beacon then waits for one, logged at WARN). Errors if the listen address cannot be
     * advertised or the sockets cannot be bound on the interface found, and the beacon is then
     * closed (the node may go on without discovery).
     */
    Mono<Void> start(NodeId self, InetSocketAddress listen);

    /**
     * Other nodes heard, as they are heard: hot, never this node's own beacons, the same peer at
     * the same address at most once per dedup window. Emitted on the beacon's I/O thread: do not
     * block in a subscriber. Completes on {@link #close()}. Subscribe before {@link #start} not to
     * miss the first sightings (they repeat after the window in any case).
     */
    Flux<Sighting> sightings();

    /**
     * Listen addresses of other nodes that announce this node's own id: its identity copied (a
     * data directory copied to another machine). Each reported once, after two of its beacons.
     * Hot, on the beacon's I/O thread.
     */
    Flux<InetSocketAddress> sameIdentity();

    /** Stops sending, closes both sockets and completes {@link #sightings()}. Idempotent. */
    Mono<Void> close();
}

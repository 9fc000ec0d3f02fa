package peerchat.engine.discovery;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import peerchat.store.event.NodeId;

/**
 * Child-JVM side of {@link BeaconNetworkChangeNamespaceTest}: only ever run inside the network
 * namespace that test creates. Two multicast beacons with TTL 0, both with a wildcard listener:
 * {@code A} ({@value #A}, port 5001) on the wildcard interface, {@code B} ({@value #B}, port 5002)
 * on {@code args[1]} (an address or an interface name, as {@code --discovery-interface} takes); UDP port {@code args[0]}. Prints {@code STARTED} once both have started (or
 * {@code START FAILED <id> <reason>} and exits 2), then one line per sighting,
 * {@code SIGHTING <seer> <seen> <host:port>}, until its stdin closes; the log goes to stdout too.
 */
public final class BeaconPairProcess {
    static final String A = "1111111101";
    static final String B = "2222222202";

    private BeaconPairProcess() {
    }

    public static void main(String[] args) throws Exception {
        BeaconConfig config = BeaconConfig.lan()
                .withPort(Integer.parseInt(args[0]))
                .withInterval(Duration.ofMillis(50))
                .withInterfaceCheck(Duration.ofMillis(200))
                .withMulticastTtl(0);
        Beacon a = beacon(config, A);
        Beacon b = beacon(InterfaceChoice.parse(args[1]).applyTo(config), B);
        start(a, A, 5001);
        start(b, B, 5002);
        System.out.println("STARTED");
        // Runs until the test closes our stdin (or kills us).
        while (System.in.read() >= 0) {
            continue;
        }
        a.close().block(Duration.ofSeconds(10));
        b.close().block(Duration.ofSeconds(10));
    }

    private static Beacon beacon(BeaconConfig config, String id) {
        Beacon beacon = Beacon.create(config, Clock.systemUTC());
        beacon.sightings().subscribe(s -> System.out.println("SIGHTING " + id + " " + s.id() + " "
                + s.listenAddress().getAddress().getHostAddress() + ":" + s.listenAddress().getPort()));
        return beacon;
    }

    private static void start(Beacon beacon, String id, int listenPort) {
        try {
            beacon.start(new NodeId(id), new InetSocketAddress("0.0.0.0", listenPort)).block(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            System.out.println("START FAILED " + id + " " + e.getMessage());
            System.out.flush();
            System.exit(2);
        }
    }
}

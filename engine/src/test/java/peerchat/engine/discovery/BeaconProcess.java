package peerchat.engine.discovery;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import peerchat.store.event.NodeId;

/**
 * Child-JVM side of {@link BeaconCrossProcessTest}: one loopback beacon, {@code <port> <id> <listen
 * host> <listen port>}, printing {@code SIGHTING <id> <host:port>} per sighting until it is killed.
 */
public final class BeaconProcess {
    private BeaconProcess() {
    }

    public static void main(String[] args) throws Exception {
        BeaconConfig config = BeaconConfig.loopback()
                .withPort(Integer.parseInt(args[0]))
                .withInterval(Duration.ofMillis(50))
                .withDedupWindow(Duration.ZERO);
        Beacon beacon = Beacon.create(config, Clock.systemUTC());
        beacon.sightings().subscribe(s -> System.out.println("SIGHTING " + s.id() + " "
                + s.listenAddress().getAddress().getHostAddress() + ":" + s.listenAddress().getPort()));
        beacon.start(new NodeId(args[1]), new InetSocketAddress(args[2], Integer.parseInt(args[3])))
                .block(Duration.ofSeconds(10));
        System.out.println("STARTED");
        // Runs until the parent kills it (SIGKILL) or closes our stdin.
        while (System.in.read() >= 0) {
            continue;
        }
        beacon.close().block(Duration.ofSeconds(10));
    }
}

package peerchat.engine.discovery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import peerchat.store.event.NodeId;

/**
 * Child-JVM side of {@link BeaconMulticastNamespaceTest}: only ever run inside the network
 * namespace that test creates. Two multicast beacons with TTL 0 on UDP port {@code args[0]} and
 * the interface {@code args[1]} (127.0.0.1 if not given); prints one line per sighting,
 * {@code SIGHTING <seer> <seen> <host:port>}, and exits 0 once each has seen the other (1 if not
 * within the time limit).
 */
public final class MulticastPair {
    private MulticastPair() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        BeaconConfig config = BeaconConfig.lan()
                .withInterface(InetAddress.getByName(args.length > 1 ? args[1] : "127.0.0.1"))
                .withPort(port)
                .withInterval(Duration.ofMillis(50))
                .withMulticastTtl(0);
        NodeId first = new NodeId("1111111101");
        NodeId second = new NodeId("2222222202");
        Beacon a = Beacon.create(config, Clock.systemUTC());
        Beacon b = Beacon.create(config, Clock.systemUTC());
        Set<String> pairs = ConcurrentHashMap.newKeySet();
        CountDownLatch bothSeen = new CountDownLatch(2);
        a.sightings().subscribe(s -> report(first, s, pairs, bothSeen));
        b.sightings().subscribe(s -> report(second, s, pairs, bothSeen));
        try {
            a.start(first, new InetSocketAddress("127.0.0.21", 5001)).block(Duration.ofSeconds(10));
            b.start(second, new InetSocketAddress("0.0.0.0", 5002)).block(Duration.ofSeconds(10));
            boolean seen = bothSeen.await(20, TimeUnit.SECONDS);
            System.out.flush();
            System.exit(seen ? 0 : 1);
        } finally {
            a.close().block(Duration.ofSeconds(10));
            b.close().block(Duration.ofSeconds(10));
        }
    }

    private static void report(NodeId seer, Sighting sighting, Set<String> pairs, CountDownLatch bothSeen) {
        String address = sighting.listenAddress().getAddress().getHostAddress() + ":" + sighting.listenAddress().getPort();
        System.out.println("SIGHTING " + seer + " " + sighting.id() + " " + address);
        if (pairs.add(seer + ">" + sighting.id())) {
            bothSeen.countDown();
        }
    }
}

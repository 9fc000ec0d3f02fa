package peerchat.engine.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Beacon} announces this node and listens for others. Immutable; start from a preset
 * and change one thing at a time ({@code BeaconConfig.lan().withInterface(addr)}).
 *
 * @param mode              multicast (the default) or broadcast
 * @param interfaceAddress  the address of the interface beacons are sent and heard on; the wildcard
 *                          {@code 0.0.0.0} picks the first LAN interface that is up (looked for again
 *                          every {@code interfaceCheck}); not used when {@code interfaceName} is given
 * @param interfaceName     the name of the interface to use ({@code wlan0}), whatever IPv4 address it
 *                          has at each look; null to go by {@code interfaceAddress}
 * @param destination       where beacons go and where the receiver binds: the multicast group, or the
 *                          broadcast address ({@code 255.255.255.255}, or a subnet's directed broadcast)
 * @param port              the UDP port every node of one network shares
 * @param interval          time between two beacons of this node
 * @param dedupWindow       the same peer at the same address is reported at most once per window
 * @param multicastTtl      hops a multicast beacon may take: 1 keeps it on the link, 0 on this host
 * @param interfaceCheck    how often the beacon looks for its interface again, so that it follows a
 *                          new address, another network, or an interface that was not up before (it
 *                          also looks at once when a beacon cannot be sent)
 */
public record BeaconConfig(BeaconMode mode, InetAddress interfaceAddress, String interfaceName, InetAddress destination, int port,
                           Duration interval, Duration dedupWindow, int multicastTtl, Duration interfaceCheck) {

    /** Organization-local scope (RFC 2365): routers at a site's edge do not forward it. */
    public static final InetAddress DEFAULT_GROUP = ipv4(239, 255, 71, 17);
    public static final InetAddress LIMITED_BROADCAST = ipv4(255, 255, 255, 255);
    /** Loopback's own broadcast address: a beacon sent there never leaves 127.0.0.0/8. */
    public static final InetAddress LOOPBACK_BROADCAST = ipv4(127, 255, 255, 255);
    public static final InetAddress ANY_INTERFACE = ipv4(0, 0, 0, 0);
    /** UDP, so it does not clash with the TCP listener's default 7117. */
    public static final int DEFAULT_PORT = 7117;

    public BeaconConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(interfaceAddress, "interfaceAddress");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(dedupWindow, "dedupWindow");
        Objects.requireNonNull(interfaceCheck, "interfaceCheck");
        if (interfaceName != null && interfaceName.isBlank()) {
            throw new IllegalArgumentException("interfaceName is blank");
        }
        if (!(interfaceAddress instanceof Inet4Address) || !(destination instanceof Inet4Address)) {
            throw new IllegalArgumentException("the beacon is IPv4 only: " + interfaceAddress + ", " + destination);
        }
        if (mode == BeaconMode.MULTICAST && !destination.isMulticastAddress()) {
            throw new IllegalArgumentException("not a multicast group: " + destination.getHostAddress());
        }
        if (mode == BeaconMode.BROADCAST && (destination.isMulticastAddress() || destination.isAnyLocalAddress())) {
            throw new IllegalArgumentException("not a broadcast address: " + destination.getHostAddress());
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        if (dedupWindow.isNegative()) {
            throw new IllegalArgumentException("dedupWindow must not be negative: " + dedupWindow);
        }
        if (multicastTtl < 0 || multicastTtl > 255) {
            throw new IllegalArgumentException("multicastTtl out of range: " + multicastTtl);
        }
        if (interfaceCheck.isNegative() || interfaceCheck.isZero()) {
            throw new IllegalArgumentException("interfaceCheck must be positive: " + interfaceCheck);
        }
    }

    /**
     * A real LAN: multicast on the first interface that is up, a beacon every 2 s, TTL 1. The
     * interface is looked for again every 6 s (three beacons): a laptop that joins another Wi-Fi or
     * gets a new lease is heard again within seconds, for the cost of reading the interface list.
     */
    public static BeaconConfig lan() {
        return new BeaconConfig(BeaconMode.MULTICAST, ANY_INTERFACE, null, DEFAULT_GROUP, DEFAULT_PORT,
                Duration.ofSeconds(2), Duration.ofSeconds(30), 1, Duration.ofSeconds(6));
    }

    /**
     * Tests and single-host use: broadcast on 127.0.0.1 to 127.255.255.255, so nothing ever goes to
     * an address outside 127.0.0.0/8; beacons every 100 ms so discovery is quick; the interface
     * looked for again every second.
     */
    public static BeaconConfig loopback() {
        return new BeaconConfig(BeaconMode.BROADCAST, ipv4(127, 0, 0, 1), null, LOOPBACK_BROADCAST, DEFAULT_PORT,
                Duration.ofMillis(100), Duration.ofSeconds(30), 0, Duration.ofSeconds(1));
    }

    /** The interface whose address this is ({@code --discovery-interface 192.168.1.20}). */
    public BeaconConfig withInterface(InetAddress address) {
        return new BeaconConfig(mode, address, null, destination, port, interval, dedupWindow,
                multicastTtl, interfaceCheck);
    }

    /** The interface of this name, at whatever address it has ({@code --discovery-interface wlan0}). */
    public BeaconConfig withInterfaceName(String name) {
        return new BeaconConfig(mode, ANY_INTERFACE, Objects.requireNonNull(name, "name"), destination, port, interval,
                dedupWindow, multicastTtl, interfaceCheck);
    }

    /** Multicast to this group. */
    public BeaconConfig multicast(InetAddress group) {
        return new BeaconConfig(BeaconMode.MULTICAST, interfaceAddress, interfaceName, group, port, interval, dedupWindow,
                multicastTtl, interfaceCheck);
    }

    /** Broadcast to this address ({@link #LIMITED_BROADCAST} reaches the whole link). */
    public BeaconConfig broadcast(InetAddress address) {
        return new BeaconConfig(BeaconMode.BROADCAST, interfaceAddress, interfaceName, address, port, interval, dedupWindow,
                multicastTtl, interfaceCheck);
    }

    public BeaconConfig withPort(int newPort) {
        return new BeaconConfig(mode, interfaceAddress, interfaceName, destination, newPort, interval, dedupWindow,
                multicastTtl, interfaceCheck);
    }

    public BeaconConfig withInterval(Duration newInterval) {
        return new BeaconConfig(mode, interfaceAddress, interfaceName, destination, port, newInterval, dedupWindow,
                multicastTtl, interfaceCheck);
    }

    public BeaconConfig withDedupWindow(Duration window) {
        return new BeaconConfig(mode, interfaceAddress, interfaceName, destination, port, interval, window,
                multicastTtl, interfaceCheck);
    }

    public BeaconConfig withMulticastTtl(int ttl) {
        return new BeaconConfig(mode, interfaceAddress, interfaceName, destination, port, interval, dedupWindow,
                ttl, interfaceCheck);
    }

    /** How often to look for the interface again (tests that move an address use a short one). */
    public BeaconConfig withInterfaceCheck(Duration every) {
        return new BeaconConfig(mode, interfaceAddress, interfaceName, destination, port, interval, dedupWindow,
                multicastTtl, every);
    }

    private static InetAddress ipv4(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an address", e);
        }
    }
}

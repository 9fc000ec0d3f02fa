package peerchat.engine.api;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import peerchat.engine.discovery.InterfaceChoice;

/**
 * Everything a node is started with. Immutable; the launcher's flags map onto it in one place
 * (ui-cli {@code Flags}), tests start from {@link #loopback}.
 *
 * @param name               display name
 * @param dataDir            identity key, event log and log file
 * @param listenHost         address to listen on ({@code 0.0.0.0}: all interfaces)
 * @param listenPort         port; 0 = any free port
 * @param portSearch         if the port is taken, try the next ones up to this many (the default
 *                           7117 becomes 7118, ...); 0 = fail instead
 * @param seeds              {@code host:port} of nodes to connect to at start
 * @param discovery          send and listen for the UDP beacon
 * @param discoveryInterface the interface the beacon uses, its IPv4 address or its name ({@code null}: the
 *                           first LAN interface that is up; see {@code InterfaceChoice})
 * @param heartbeat          how often links prove they are alive (a peer is down after 3 missed)
 * @param clock              where every timestamp comes from
 */
public record NodeConfig(String name, Path dataDir, String listenHost, int listenPort, int portSearch,
                         List<String> seeds, boolean discovery, String discoveryInterface,
                         Duration heartbeat, Clock clock) {
    public static final int DEFAULT_PORT = 7117;

    public NodeConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(listenHost, "listenHost");
        seeds = List.copyOf(seeds);
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(clock, "clock");
        if (discoveryInterface != null) {
            checkDiscoveryInterface(discoveryInterface);
        }
    }

    /**
     * An IPv4 address or an interface name, read without DNS ({@code InterfaceChoice}).
     *
     * @throws IllegalArgumentException saying why it is neither
     */
    public static void checkDiscoveryInterface(String text) {
        InterfaceChoice.parse(text);
    }

    /** A node on a LAN: all interfaces, port 7117 (or the next free), discovery on. */
    public static NodeConfig lan(String name, Path dataDir) {
        return new NodeConfig(name, dataDir, "0.0.0.0", DEFAULT_PORT, 50, List.of(), true, null,
                Duration.ofSeconds(1), Clock.systemUTC());
    }

    /** A node for tests: one loopback address, any port, no beacon, fast heartbeats. */
    public static NodeConfig loopback(String name, Path dataDir, String host) {
        return new NodeConfig(name, dataDir, host, 0, 0, List.of(), false, null,
                Duration.ofMillis(200), Clock.systemUTC());
    }

    public NodeConfig withListen(String host, int port) {
        return new NodeConfig(name, dataDir, host, port, portSearch, seeds, discovery, discoveryInterface, heartbeat, clock);
    }

    public NodeConfig withSeeds(List<String> newSeeds) {
        return new NodeConfig(name, dataDir, listenHost, listenPort, portSearch, newSeeds, discovery, discoveryInterface, heartbeat, clock);
    }

    public NodeConfig withDiscovery(boolean on, String iface) {
        return new NodeConfig(name, dataDir, listenHost, listenPort, portSearch, seeds, on, iface, heartbeat, clock);
    }

    public NodeConfig withClock(Clock newClock) {
        return new NodeConfig(name, dataDir, listenHost, listenPort, portSearch, seeds, discovery, discoveryInterface, heartbeat, newClock);
    }
}

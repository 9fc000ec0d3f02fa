package peerchat.ui.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import peerchat.engine.api.DisplayName;
import peerchat.engine.api.NodeConfig;

/**
 * The one place flags become a {@link NodeConfig} (STYLE.md 9). Pure: the stored name and the
 * home directory are passed in, so every rule here is tested without touching the disk.
 */
public final class ConfigMapping {
    static final String ALL_INTERFACES = "0.0.0.0";
    static final int PORT_SEARCH = 50;

    private ConfigMapping() {
    }

    /**
     * @param storedName the name stored in a data directory, if any ({@link NameFile#read})
     * @param home       the user's home directory, for the default data directory
     * @param homeNodes  the data directories under {@code ~/.peerchat} with a stored name
     *                   ({@link NameFile#nodesUnder}): with neither {@code --name} nor {@code --data},
     *                   the one there is is the user's, so {@code ./peerchat} alone starts it again
     * @throws UsageError when the flags do not make a node
     */
    public static NodeConfig toConfig(Flags flags, Function<Path, Optional<String>> storedName, Path home,
                                      List<Path> homeNodes) {
        if (flags.gui() && flags.json()) {
            throw new UsageError("--gui and --json exclude each other: pick one");
        }
        String given = flags.name() == null ? null : checkName(flags.name());
        Path data = dataDir(flags.data(), given, home, homeNodes);
        String name = given != null ? given : storedName.apply(data).map(ConfigMapping::checkName)
                .orElseThrow(() -> new UsageError("no name is stored in " + data + ": give --name NAME"));

        NodeConfig lan = NodeConfig.lan(name, data);
        HostPort listen = flags.listen() == null ? new HostPort("", HostPort.NO_PORT) : flags.listen();
        String host = listen.host().isEmpty() ? ALL_INTERFACES : listen.host();
        // A port the user names is the port they get (or a clear error); only the default moves on.
        int port = listen.hasPort() ? listen.port() : NodeConfig.DEFAULT_PORT;
        int search = listen.hasPort() ? 0 : PORT_SEARCH;

        List<String> seeds = flags.peers().stream().map(ConfigMapping::seed).collect(Collectors.toList());
        boolean discovery = flags.discovery() == null ? lan.discovery() : flags.discovery();
        String iface = flags.discoveryInterface();
        if (iface != null && iface.isBlank()) {
            throw new UsageError("--discovery-interface needs an address or an interface name");
        }
        if (iface != null) {
            try {
                NodeConfig.checkDiscoveryInterface(iface);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--discovery-interface: " + e.getMessage());
            }
        }
        return new NodeConfig(name, data, host, port, search, seeds, discovery,
                iface == null ? null : iface.trim(), lan.heartbeat(), lan.clock());
    }

    public static NodeConfig toConfig(Flags flags, Function<Path, Optional<String>> storedName, Path home) {
        return toConfig(flags, storedName, home, List.of());
    }

    private static Path dataDir(Path data, String name, Path home, List<Path> homeNodes) {
        if (data != null) {
            return data;
        }
        if (name != null) {
            return home.resolve(".peerchat").resolve(name);
        }
        if (homeNodes.size() == 1) {
            return homeNodes.get(0);
        }
        if (homeNodes.size() > 1) {
            throw new UsageError("--name NAME is required: this machine has the nodes "
                    + homeNodes.stream().map(p -> p.getFileName().toString()).sorted().collect(Collectors.joining(", "))
                    + " (in " + home.resolve(".peerchat") + "), or give --data DIR");
        }
        throw new UsageError("--name NAME is required (or --data DIR of a node that has one)");
    }

    private static String seed(HostPort peer) {
        if (peer.host().isEmpty()) {
            throw new UsageError("--peer " + peer + ": which host?");
        }
        if (peer.hasPort() && peer.port() == 0) {
            // Port 0 is "any free port" to a listener: no node is ever reached there (QA).
            throw new UsageError("--peer " + peer + ": port 0 is no node's port (7117 if left out)");
        }
        return peer.withDefaults("", NodeConfig.DEFAULT_PORT).toString();
    }

    /** A name is typed after {@code @} and shown in prompts: the engine's rule ({@link DisplayName}), as a usage error. */
    static String checkName(String raw) {
        try {
            return DisplayName.check(raw);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }
}

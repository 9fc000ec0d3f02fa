package peerchat.ui.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The launcher's flags as picocli fills them (DESIGN.md › Launcher). Only parsing lives here;
 * what they mean for a node is {@link ConfigMapping}'s job.
 */
@Command(name = "peerchat", mixinStandardHelpOptions = true, versionProvider = Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "A peer-to-peer group chat node: terminal UI by default, --gui for the window, "
                + "--json for scripts.")
public final class Flags {
    @Option(names = "--name", paramLabel = "NAME",
            description = "display name (required on first start; then stored in the data directory. Without it, the one node in ~/.peerchat starts)")
    String name;

    @Option(names = "--data", paramLabel = "DIR",
            description = "data directory: identity key, event log, line history, log file (default ~/.peerchat/NAME)")
    Path data;

    @Option(names = "--listen", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "TCP listen address (default all interfaces, port 7117, or the next free port)")
    HostPort listen;

    @Option(names = "--peer", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "a node to connect to (port 7117 if left out); repeatable")
    List<HostPort> peers = new ArrayList<>();

    @Option(names = "--discovery", paramLabel = "on|off", arity = "1", converter = OnOffConverter.class,
            description = "the UDP beacon that finds nodes on the LAN (default on)")
    Boolean discovery;

    @Option(names = "--discovery-interface", paramLabel = "ADDR|NAME",
            description = "the interface the beacon uses: its IPv4 address, or its name (wlan0), which it follows to a new address")
    String discoveryInterface;

    @Option(names = "--gui", description = "the Swing window instead of the terminal UI")
    boolean gui;

    @Option(names = "--json", description = "scripting mode: commands on stdin, one JSON object per line on stdout")
    boolean json;

    public String name() {
        return name;
    }

    public Path data() {
        return data;
    }

    public HostPort listen() {
        return listen;
    }

    public List<HostPort> peers() {
        return List.copyOf(peers);
    }

    public Boolean discovery() {
        return discovery;
    }

    public String discoveryInterface() {
        return discoveryInterface;
    }

    public boolean gui() {
        return gui;
    }

    public boolean json() {
        return json;
    }

    static final class HostPortConverter implements ITypeConverter<HostPort> {
        @Override
        public HostPort convert(String value) {
            return HostPort.parse(value);
        }
    }

    static final class OnOffConverter implements ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "on":
                case "true":
                case "yes":
                    return Boolean.TRUE;
                case "off":
                case "false":
                case "no":
                    return Boolean.FALSE;
                default:
                    throw new IllegalArgumentException("expected on or off, not '" + value + "'");
            }
        }
    }
}

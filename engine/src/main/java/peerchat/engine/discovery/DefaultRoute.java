package peerchat.engine.discovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The interface of the host's IPv4 default route: on a machine with container or VM bridges
 * (docker0, virbr0, br-…), the one that leads to the LAN. Read from Linux's routing table
 * ({@code /proc/net/route}); sends nothing. Elsewhere, or with no default route, there is none.
 */
final class DefaultRoute {
    static final Path TABLE = Path.of("/proc/net/route");
    private static final int RTF_UP = 0x1;

    private DefaultRoute() {
    }

    /** The default route's interface now, if the table says. */
    static Optional<String> interfaceName() {
        try {
            return Files.isReadable(TABLE) ? interfaceName(Files.readString(TABLE)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * From the table's text: columns Iface, Destination, Gateway, Flags, RefCnt, Use, Metric, Mask
     * (hex); a default route has destination and mask 0. The lowest metric wins, as it does for
     * the kernel.
     */
    static Optional<String> interfaceName(String table) {
        String best = null;
        long bestMetric = Long.MAX_VALUE;
        for (String line : table.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || f[0].equals("Iface")) {
                continue;
            }
            try {
                boolean isDefault = Long.parseLong(f[1], 16) == 0 && Long.parseLong(f[7], 16) == 0;
                boolean up = (Integer.parseInt(f[3], 16) & RTF_UP) != 0;
                long metric = Long.parseLong(f[6]);
                if (isDefault && up && metric < bestMetric) {
                    best = f[0];
                    bestMetric = metric;
                }
            } catch (NumberFormatException e) {
                // not a route line: skipped
            }
        }
        return Optional.ofNullable(best);
    }
}

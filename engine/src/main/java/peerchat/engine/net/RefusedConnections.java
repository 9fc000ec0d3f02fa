package peerchat.engine.net;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says that connections from an address are being refused, without a line per connection: the
 * first refusal is one WARN, then one line a minute with how many more there were, for as long
 * as they go on. A flood would otherwise write its own size into the node's log.
 */
final class RefusedConnections {
    private static final Logger log = LoggerFactory.getLogger(RefusedConnections.class);
    static final long REPORT_EVERY_MILLIS = 60_000;

    private final Map<InetAddress, Tally> tallies = new ConcurrentHashMap<>();

    private static final class Tally {
        long reportedAt;
        long sinceReport;
    }

    void refused(InetAddress from, String why, long now) {
        Tally t = tallies.computeIfAbsent(from, a -> new Tally());
        synchronized (t) {
            boolean first = t.reportedAt == 0;
            t.sinceReport++;
            if (first || now - t.reportedAt >= REPORT_EVERY_MILLIS) {
                log.warn("refusing connections from {}: {} ({} refused {})", from.getHostAddress(), why,
                        t.sinceReport, first ? "so far" : "in the last " + (now - t.reportedAt) / 1000 + " s");
                t.reportedAt = Math.max(now, 1);
                t.sinceReport = 0;
            }
        }
        if (tallies.size() > 1024) {
            // Addresses that stopped long ago are forgotten rather than kept for ever.
            tallies.entrySet().removeIf(e -> now - e.getValue().reportedAt > REPORT_EVERY_MILLIS);
        }
    }
}

package peerchat.engine.node;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Says that another node uses this node's identity, once per address and hour: the beacon hears
 * it every 2 s and it redials, and a warning each time would bury the user's chat. Two nodes with
 * one identity (a data directory copied to another machine, or a backup restored beside the
 * original) number their messages in the same sequence, so each drops some of the other's as
 * duplicates everywhere. Thread-safe.
 */
final class SameIdentityWarning {
    static final long REPEAT_AFTER_MILLIS = 3_600_000;

    private final Clock clock;
    private final Map<String, Long> saidAt = new HashMap<>();

    SameIdentityWarning(Clock clock) {
        this.clock = clock;
    }

    /** The text to tell the user about a node with this identity at {@code at}, or null if told lately. */
    synchronized String about(InetSocketAddress at) {
        String host = at.getAddress() == null ? at.getHostString() : at.getAddress().getHostAddress();
        long now = clock.millis();
        Long before = saidAt.get(host);
        if (before != null && now - before < REPEAT_AFTER_MILLIS && now >= before) {
            return null;
        }
        saidAt.put(host, now);
        return "another node uses this node's identity, at " + host + ":" + at.getPort()
                + ": was this data directory copied there? Two nodes with one identity lose each"
                + " other's messages; start one of them with its own --data";
    }
}

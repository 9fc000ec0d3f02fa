package peerchat.engine.node;

import java.util.Locale;
import java.util.Map;
import peerchat.store.event.NodeId;

/**
 * The second half of {@code -waiting}: what this node sent that its recipients have not
 * acknowledged yet, per recipient, with whether that one is online. A sender otherwise cannot tell
 * whether a message to someone who was away has reached them. Pure: counts and the directory in.
 */
final class UnackedText {
    private UnackedText() {
    }

    /** {@code unacked}: per peer, how many sends (own messages and copies kept for it) it has not acknowledged; empty text when none. */
    static String of(Map<NodeId, Integer> unacked, Directory dir) {
        int total = unacked.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%d sent from here not yet acknowledged by their recipients:", total));
        unacked.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    String who = dir.label(e.getKey());
                    boolean online = dir.online(e.getKey());
                    out.append(String.format(Locale.ROOT, "%n  %s: %d (%s)", who, e.getValue(), online
                            ? who + " is online: any moment now"
                            : who + " is offline: when " + who + " is back, or sooner through others who keep copies"));
                });
        return out.toString();
    }
}

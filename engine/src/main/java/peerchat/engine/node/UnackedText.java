package peerchat.engine.node;

import java.util.Locale;
import java.util.Map;
import peerchat.store.event.NodeId;

/**
 * The second half of {@code -waiting}: what this node sent that its recipients have not
 * acknowledged yet, per recipient, with whether that one is online. A sender otherwise cannot tell
 * whether a message to someone who was away has reached them. Copies of others' messages that this
 * node keeps for someone away are counted apart: they are not this user's messages, and on a busy
 * network they are most of it. Pure: counts and the directory in.
 */
final class UnackedText {
    private UnackedText() {
    }

    /** Not acknowledged by one peer: this node's own sends, and copies of others' messages kept for it. */
    record Count(int own, int copies) {
        int total() {
            return own + copies;
        }
    }

    /**
     * Empty text when nothing is unacknowledged. {@code ownSends} counts each of this node's sends
     * once, however many recipients have not acknowledged it: the per-recipient counts summed
     * said 6 for 3 messages to two people. A copy is kept for one peer, so copies add up.
     */
    static String of(int ownSends, Map<NodeId, Count> unacked, Directory dir) {
        int own = ownSends;
        int copies = unacked.values().stream().mapToInt(Count::copies).sum();
        if (own + copies == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder(copies == 0
                ? String.format(Locale.ROOT, "%d sent from here not yet acknowledged by all their recipients:", own)
                : String.format(Locale.ROOT, "%d sent from here and %d %s of others' messages kept here for someone away,"
                        + " not yet acknowledged by all their recipients:", own, copies, copies == 1 ? "copy" : "copies"));
        unacked.entrySet().stream()
                .filter(e -> e.getValue().total() > 0)
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    NodeId id = e.getKey();
                    String who = dir.label(id);
                    Count c = e.getValue();
                    String count = c.copies() == 0 ? Integer.toString(c.own())
                            : String.format(Locale.ROOT, "%d, and %d %s of others'", c.own(), c.copies(), c.copies() == 1 ? "copy" : "copies");
                    String state = dir.forgotten(id)
                            ? "you forgot " + who + " with -forget: kept in case they connect again"
                            : dir.online(id) ? who + " is online: any moment now"
                            : who + " is offline: when " + who + " is back, or sooner through others who keep copies";
                    out.append(String.format(Locale.ROOT, "%n  %s: %s (%s)", who, count, state));
                });
        return out.toString();
    }
}

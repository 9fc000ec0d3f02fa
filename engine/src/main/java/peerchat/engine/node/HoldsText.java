package peerchat.engine.node;

import java.util.List;
import java.util.Locale;
import peerchat.engine.causal.Hold;

/**
 * The answer to {@code -waiting}: which senders' messages causal order holds back here, and whose
 * messages they wait for. Messages travel only from their sender, so a reply to something this
 * node missed waits until the one who wrote that is online at the same time as this node; without
 * this, a user sees only silence. Pure: the holds and the directory in, a text out.
 */
final class HoldsText {
    /** What a {@code Released} event says: the end of a wait that was told of. */
    static final String ALL_ARRIVED = "the messages held back have all arrived: nothing is held back any more";

    private HoldsText() {
    }

    static String of(List<Hold> holds, Directory dir) {
        if (holds.isEmpty()) {
            return "nothing is held back: every message received here has been shown";
        }
        int total = holds.stream().mapToInt(Hold::messages).sum();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%d %s held back, each until what it follows has arrived:", total, messages(total)));
        for (Hold h : holds) {
            String awaiting = dir.label(h.awaiting());
            String what = h.from().equals(h.awaiting()) ? "earlier messages from " : "messages from ";
            out.append(String.format(Locale.ROOT, "%n  %s: %d %s, waiting for %s%s (%s)", dir.label(h.from()),
                    h.messages(), messages(h.messages()), what, awaiting, presence(dir, h, awaiting)));
        }
        return out.toString();
    }

    private static String presence(Directory dir, Hold h, String awaiting) {
        return dir.user(h.awaiting())
                .map(u -> u.online()
                        ? awaiting + " is online: they should come shortly"
                        : awaiting + " is offline: they come when " + awaiting + " is back, or sooner through others who keep copies")
                .orElse(awaiting + " has not been met yet: they come once it connects");
    }

    private static String messages(int n) {
        return n == 1 ? "message" : "messages";
    }
}

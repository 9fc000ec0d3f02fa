package peerchat.ui.swing.presenter;

import java.util.HashMap;
import java.util.Map;
import peerchat.engine.api.Conversation;

/**
 * What the user has typed and not sent, per conversation. The window has one compose box, but a
 * draft belongs to the conversation it was typed in: switching away keeps it, coming back puts it
 * back, and a line sent empties only the draft of the conversation it was sent in. Kept for the run
 * only. UI thread only.
 */
final class Drafts {
    private final Map<Conversation, String> kept = new HashMap<>();
    /** What the compose box holds now: the draft of the conversation open. */
    private String typing = "";

    /** The compose box holds {@code text} now. */
    void typed(String text) {
        typing = text;
    }

    /**
     * The user leaves {@code from} (null when nothing was open yet) for {@code to}: what the box holds
     * stays with {@code from}; what {@code to} had is what the box is to hold now.
     */
    String switchTo(Conversation from, Conversation to) {
        if (from != null) {
            if (typing.isEmpty()) {
                kept.remove(from);
            } else {
                kept.put(from, typing);
            }
        }
        typing = kept.getOrDefault(to, "");
        return typing;
    }
}

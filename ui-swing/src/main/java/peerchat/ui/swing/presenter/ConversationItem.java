package peerchat.ui.swing.presenter;

import peerchat.engine.api.Conversation;

/**
 * One row of the conversation sidebar: {@code #group} or {@code @user}, what is unread there,
 * whether any of it names the user ({@code mentioned}), and for a direct conversation whether the
 * other user is offline ({@code away}) and whether this user ignores them ({@code ignored}).
 * {@code atLeast}: the count is a floor (found at start in only the newest part of a long log).
 */
public record ConversationItem(Conversation conversation, String label, int unread, boolean mentioned, boolean away,
                               boolean ignored, boolean atLeast) {
    public ConversationItem(Conversation conversation, String label, int unread, boolean mentioned, boolean away,
                            boolean ignored) {
        this(conversation, label, unread, mentioned, away, ignored, false);
    }

    /** The count as shown: {@code 3}, or {@code 3+} for a floor. */
    public String count() {
        return unread + (atLeast ? "+" : "");
    }
}

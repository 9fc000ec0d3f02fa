package peerchat.ui.swing.presenter;

import peerchat.engine.api.Conversation;

/**
 * One row of the conversation sidebar: {@code #group} or {@code @user}, what is unread there,
 * whether any of it names the user ({@code mentioned}), and for a direct conversation whether the
 * other user is offline ({@code away}) and whether this user ignores them ({@code ignored}).
 */
public record ConversationItem(Conversation conversation, String label, int unread, boolean mentioned, boolean away,
                               boolean ignored) {
}

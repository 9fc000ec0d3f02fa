package peerchat.ui.swing.presenter;

import peerchat.engine.api.Conversation;

/** One row of the conversation sidebar: {@code #group} or {@code @user}, and what is unread there. */
public record ConversationItem(Conversation conversation, String label, int unread) {
}

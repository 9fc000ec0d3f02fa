package peerchat.ui.swing.presenter;

import peerchat.engine.api.Conversation;

/**
 * One row of the conversation sidebar: {@code #group} or {@code @user}, what is unread there, and
 * whether any of it names the user ({@code mentioned}).
 */
public record ConversationItem(Conversation conversation, String label, int unread, boolean mentioned) {
}

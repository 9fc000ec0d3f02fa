package peerchat.ui.swing.presenter;

import peerchat.store.event.NodeId;

/**
 * A user in the member or user list, with presence; {@code ignored}: their messages are hidden
 * ({@code -ignore}). {@code id} is null for a member the node knows only by label.
 */
public record UserItem(NodeId id, String label, String address, boolean online, boolean self, boolean ignored) {
}

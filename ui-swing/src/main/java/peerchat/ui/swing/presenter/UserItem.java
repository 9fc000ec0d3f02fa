package peerchat.ui.swing.presenter;

import peerchat.store.event.NodeId;

/** A user in the member or user list, with presence. */
public record UserItem(NodeId id, String label, String address, boolean online, boolean self) {
}

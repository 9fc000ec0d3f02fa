package peerchat.store.projection;

import java.util.Objects;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;

/**
 * A user took another name, as the history holds it: {@code id} is the rename message (the same on
 * every node), {@code was} the name it changed from here (its previous rename's, or the first name
 * heard of the user), {@code sentAt} the sender's clock. {@code position} is its place among the
 * messages: after those before that position in this node's delivery order, before the message at it.
 */
public record RenameEntry(MessageId id, NodeId user, String was, String name, long sentAt, long position) {
    public RenameEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(was, "was");
        Objects.requireNonNull(name, "name");
    }
}

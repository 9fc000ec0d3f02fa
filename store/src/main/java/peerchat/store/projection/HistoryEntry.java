package peerchat.store.projection;

import java.util.Objects;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Target;

/**
 * One chat message of a conversation, read back from the log. {@code fromName} is the name its
 * sender went by when they wrote it (their last rename before it, or the first name heard of them;
 * empty when none was ever heard), as IRC logs keep the nick of the time. {@code sentAt} is the
 * sender's clock, {@code deliveredAt} this node's (the send time for its own messages); {@code index}
 * is the log entry holding the message; {@code position} is its place in this node's delivery order,
 * the cursor to page backwards from ({@link History#before}). {@code heldBack}: causal order held it
 * back when it came (it waited for messages it follows), as it was shown live.
 */
public record HistoryEntry(MessageId id, NodeId from, String fromName, Target to, String text, long sentAt, long deliveredAt,
                           long index, long position, boolean heldBack) {
    public HistoryEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(fromName, "fromName");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }
}

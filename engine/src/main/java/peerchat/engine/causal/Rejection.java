package peerchat.engine.causal;

import java.util.Objects;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;

/**
 * A received message whose metadata can never be satisfied or is malformed (it names a timestamp
 * its own sender has not reached, puts the receiver in the destinations of the receiver's own
 * message, ...). It is neither delivered nor buffered; {@code sender} is the peer to blame.
 */
public record Rejection(NodeId sender, MessageId message, String reason) {
    public Rejection {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(reason, "reason");
    }
}

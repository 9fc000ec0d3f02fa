package peerchat.engine.causal;

import java.util.Objects;
import peerchat.store.event.NodeId;

/**
 * Why messages of one sender wait in the buffer: {@code messages} of them need, first of all,
 * messages of {@code awaiting} up to its {@code awaitingUpTo} (its own numbering, which counts its
 * messages to everyone), of which this process has delivered up to {@code awaitingDelivered}. What
 * a person needs to know when a sender seems silent: whose messages to wait for.
 */
public record Hold(NodeId from, int messages, NodeId awaiting, long awaitingUpTo, long awaitingDelivered) {
    public Hold {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(awaiting, "awaiting");
        if (messages < 1 || awaitingUpTo <= awaitingDelivered) {
            throw new IllegalArgumentException("not a hold: " + messages + " waiting for " + awaitingUpTo
                    + " with " + awaitingDelivered + " delivered");
        }
    }
}

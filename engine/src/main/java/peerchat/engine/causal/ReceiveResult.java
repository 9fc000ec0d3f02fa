package peerchat.engine.causal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import peerchat.store.event.NodeId;

/**
 * What one {@link CausalCore#receive} did.
 *
 * @param status           what happened to the received copy itself
 * @param delivered        every message that became deliverable, in delivery order (the received
 *                         one first when it was deliverable, then any buffered ones it released)
 * @param rejection        present exactly when {@code status} is {@link Status#REJECTED}
 * @param senderShouldPause the sender's buffer is at its bound: its link should read (and
 *                         acknowledge) nothing more from it until it appears in {@code resumable}
 * @param resumable        senders whose buffer was at its bound and no longer is after these
 *                         deliveries: their links may read again
 */
public record ReceiveResult<P>(Status status, List<Incoming<P>> delivered, Optional<Rejection> rejection,
                               boolean senderShouldPause, Set<NodeId> resumable) {
    public enum Status {
        /** The copy was delivered (perhaps releasing buffered ones too). */
        DELIVERED,
        /** The copy waits for messages it depends on. */
        BUFFERED,
        /** Already delivered or already buffered: nothing changed. */
        DUPLICATE,
        /** Malformed or unsatisfiable metadata: dropped and reported. */
        REJECTED
    }

    public ReceiveResult {
        Objects.requireNonNull(status, "status");
        delivered = List.copyOf(delivered);
        Objects.requireNonNull(rejection, "rejection");
        resumable = Set.copyOf(resumable);
    }
}

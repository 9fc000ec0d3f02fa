package peerchat.engine.causal;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import peerchat.store.event.Dependency;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;

/**
 * One copy of a message as a destination receives it: the id, the full destination set of the
 * message, and the metadata the sender computed for this destination.
 */
public record Incoming<P>(MessageId id, Set<NodeId> dests, List<Dependency> meta, P payload) {
    public Incoming {
        Objects.requireNonNull(id, "id");
        dests = Set.copyOf(dests);
        meta = List.copyOf(meta);
    }

    public NodeId sender() {
        return id.sender();
    }
}

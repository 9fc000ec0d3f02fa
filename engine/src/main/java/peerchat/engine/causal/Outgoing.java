package peerchat.engine.causal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import peerchat.store.event.Dependency;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;

/**
 * A message this process just sent: its id (sender = this process, seq = its new clock), its
 * destinations, and the KS metadata each destination must be given (each destination gets its own
 * list, because the propagation constraints prune differently per destination).
 */
public record Outgoing<P>(MessageId id, Set<NodeId> dests, Map<NodeId, List<Dependency>> meta, P payload) {
    public Outgoing {
        Objects.requireNonNull(id, "id");
        dests = Set.copyOf(dests);
        meta = Map.copyOf(meta);
    }

    /** The copy that goes to {@code destination}, as that destination's core will receive it. */
    public Incoming<P> copyFor(NodeId destination) {
        List<Dependency> forIt = meta.get(destination);
        if (forIt == null) {
            throw new IllegalArgumentException(destination + " is not a destination of " + id);
        }
        return new Incoming<>(id, dests, forIt, payload);
    }
}

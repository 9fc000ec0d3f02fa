package peerchat.store.event;

import java.util.Objects;
import java.util.Set;

/**
 * One entry of KS causal metadata: "message {@code t} of {@code sender} must still be delivered
 * to {@code destinations} before this one may be" (CAUSAL.md). Immutable; the causal core keeps
 * its own mutable working form.
 */
public record Dependency(NodeId sender, long t, Set<NodeId> destinations) {
    public Dependency {
        Objects.requireNonNull(sender, "sender");
        destinations = Set.copyOf(destinations);
    }
}

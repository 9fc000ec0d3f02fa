package peerchat.engine.causal;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import peerchat.store.event.Dependency;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;

/**
 * The checks a received copy must pass before the core looks at it: anything a peer could send
 * that can never be satisfied, or is not KS metadata at all, is named here so the core can reject
 * it with the sender to blame instead of buffering it forever.
 */
final class IncomingCheck {
    private IncomingCheck() {
    }

    /**
     * Why this copy can never be delivered correctly at {@code self}, whose clock is {@code clock},
     * if it cannot.
     */
    static Optional<String> problem(Incoming<?> message, NodeId self, long clock) {
        NodeId sender = message.sender();
        long t = message.id().seq();
        if (sender.equals(self)) {
            return Optional.of("a copy of this process's own message came back");
        }
        if (!message.dests().contains(self)) {
            return Optional.of("this process is not among the destinations");
        }
        if (message.dests().contains(sender)) {
            return Optional.of("the sender lists itself as a destination");
        }
        List<Dependency> meta = message.meta();
        // Compared pairwise while that is cheap (a group's metadata is a few entries): a set of
        // ids for every message received was a few percent of the heap a delivery allocated.
        Set<MessageId> seen = meta.size() > PAIRWISE_UP_TO ? new HashSet<>() : null;
        for (int i = 0; i < meta.size(); i++) {
            Dependency d = meta.get(i);
            if (d.t() < 1) {
                return Optional.of("dependency on timestamp " + d.t() + " of " + d.sender() + ": timestamps start at 1");
            }
            if (seen != null ? !seen.add(new MessageId(d.sender(), d.t())) : appearsBefore(meta, i)) {
                return Optional.of("dependency on " + d.sender() + "-" + d.t() + " appears twice");
            }
            if (d.destinations().contains(d.sender())) {
                return Optional.of("dependency " + d.sender() + "-" + d.t() + " names its sender as a destination");
            }
            if (d.sender().equals(sender) && d.t() >= t) {
                return Optional.of("dependency on its own message " + d.t() + ", which it had not sent before message " + t);
            }
            if (d.sender().equals(self) && d.t() > clock) {
                return Optional.of("dependency on this process's message " + d.t() + ", which it has not sent (clock " + clock + ")");
            }
        }
        return Optional.empty();
    }

    private static final int PAIRWISE_UP_TO = 16;

    /** Whether a dependency before {@code i} names the same message as the one at {@code i}. */
    private static boolean appearsBefore(List<Dependency> meta, int i) {
        Dependency d = meta.get(i);
        for (int j = 0; j < i; j++) {
            Dependency e = meta.get(j);
            if (e.t() == d.t() && e.sender().equals(d.sender())) {
                return true;
            }
        }
        return false;
    }
}

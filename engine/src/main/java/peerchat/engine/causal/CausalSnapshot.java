package peerchat.engine.causal;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import peerchat.store.event.Dependency;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;

/**
 * The whole state of a {@link CausalCore}, as a value: equal snapshots mean equal states (a core
 * rebuilt by replay must produce a snapshot equal to the original's).
 *
 * @param clock     how many messages this process has sent
 * @param delivered SR: per sender, the timestamp of its newest message delivered here (senders
 *                  with nothing delivered are absent)
 * @param log       the KS LOG, ordered by sender then timestamp
 * @param buffered  ids of messages received but not yet deliverable, ordered by sender then seq
 */
public record CausalSnapshot(NodeId self, long clock, SortedMap<NodeId, Long> delivered, List<Dependency> log,
                             List<MessageId> buffered) {
    public CausalSnapshot {
        Objects.requireNonNull(self, "self");
        delivered = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(delivered));
        log = List.copyOf(log);
        buffered = List.copyOf(buffered);
    }
}

package peerchat.engine.causal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;

/**
 * An independent judge of causal delivery, sharing nothing with {@link CausalCore}: it keeps its
 * own vector clocks of sends and deliveries. m1 happened before m2 when m2's sender had seen m1's
 * send (its vector entry for m1's sender is at least m1's send number); delivering m2 at p while
 * such an m1 addressed to p is undelivered there is a violation. Violations throw AssertionError.
 */
final class Oracle {
    private record Sent(int sender, int number, int[] clock, Set<NodeId> dests) {
    }

    private final Map<NodeId, Integer> index = new HashMap<>();
    private final List<int[]> clocks = new ArrayList<>();
    private final List<Integer> sendCounts = new ArrayList<>();
    private final Map<MessageId, Sent> sent = new HashMap<>();
    /** [receiver][sender] -> send numbers of messages addressed to receiver not yet delivered there. */
    private final Map<Integer, Map<Integer, TreeSet<Integer>>> undelivered = new HashMap<>();
    private final Map<Integer, Set<MessageId>> deliveredAt = new HashMap<>();
    private final int capacity;
    private long deliveries;

    Oracle(int capacity) {
        this.capacity = capacity;
    }

    private int process(NodeId id) {
        return index.computeIfAbsent(id, k -> {
            clocks.add(new int[capacity]);
            sendCounts.add(0);
            return clocks.size() - 1;
        });
    }

    void sent(MessageId id, Set<NodeId> dests) {
        int s = process(id.sender());
        int number = sendCounts.get(s) + 1;
        sendCounts.set(s, number);
        clocks.get(s)[s] = number;
        if (sent.put(id, new Sent(s, number, clocks.get(s).clone(), Set.copyOf(dests))) != null) {
            throw new AssertionError("message id reused: " + id);
        }
        for (NodeId d : dests) {
            undelivered.computeIfAbsent(process(d), k -> new HashMap<>())
                    .computeIfAbsent(s, k -> new TreeSet<>()).add(number);
        }
    }

    void delivered(NodeId at, MessageId id) {
        Sent m = sent.get(id);
        if (m == null) {
            throw new AssertionError(at + " delivered " + id + ", which was never sent");
        }
        if (!m.dests.contains(at)) {
            throw new AssertionError(at + " delivered " + id + ", which was not addressed to it");
        }
        int p = process(at);
        if (!deliveredAt.computeIfAbsent(p, k -> new HashSet<>()).add(id)) {
            throw new AssertionError("duplicate delivery of " + id + " at " + at);
        }
        Map<Integer, TreeSet<Integer>> pending = undelivered.get(p);
        for (Map.Entry<Integer, TreeSet<Integer>> e : pending.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            int oldest = e.getValue().first();
            int s = e.getKey();
            boolean violated = s == m.sender ? oldest < m.number : oldest <= m.clock[s];
            if (violated) {
                throw new AssertionError("causal order violated at " + at + ": delivered " + id
                        + " before message number " + oldest + " of process #" + s + ", which happened before it");
            }
        }
        pending.get(m.sender).remove(m.number);
        int[] mine = clocks.get(p);
        for (int i = 0; i < capacity; i++) {
            mine[i] = Math.max(mine[i], m.clock[i]);
        }
        deliveries++;
    }

    long deliveries() {
        return deliveries;
    }

    /** At quiescence: every message reached every one of its destinations. */
    void assertAllDelivered() {
        undelivered.forEach((p, bySender) -> bySender.forEach((s, numbers) -> {
            if (!numbers.isEmpty()) {
                throw new AssertionError("liveness: process #" + p + " never delivered messages " + numbers
                        + " of process #" + s);
            }
        }));
    }
}

package peerchat.engine.causal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import peerchat.store.event.NodeId;

/**
 * Gives every process id seen so far a small dense number, so that destination sets can be bit
 * sets. Numbers are handed out in order of first appearance, which is deterministic for a given
 * input sequence: a replayed core numbers its processes exactly as the original did.
 */
final class NodeIndex {
    private final Map<NodeId, Integer> numbers = new HashMap<>();
    private final List<NodeId> ids = new ArrayList<>();
    private int[] byId = new int[0];

    int intern(NodeId id) {
        Integer known = numbers.get(id);
        if (known != null) {
            return known;
        }
        int number = ids.size();
        numbers.put(id, number);
        ids.add(id);
        byId = null;
        return number;
    }

    /** The number of {@code id}, or -1 when it has never been seen. */
    int find(NodeId id) {
        Integer known = numbers.get(id);
        return known == null ? -1 : known;
    }

    NodeId id(int number) {
        return ids.get(number);
    }

    int size() {
        return ids.size();
    }

    /** All numbers ordered by their {@link NodeId}: the canonical order of metadata lists. */
    int[] inIdOrder() {
        if (byId == null) {
            Integer[] boxed = new Integer[ids.size()];
            Arrays.setAll(boxed, i -> i);
            Arrays.sort(boxed, (a, b) -> ids.get(a).compareTo(ids.get(b)));
            byId = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        }
        return byId;
    }
}

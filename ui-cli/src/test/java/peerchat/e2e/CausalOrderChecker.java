package peerchat.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An independent check of causal delivery over what the nodes printed (their {@code message}
 * events, in output order): it knows nothing of KS. Each node's output is a sequence of sends
 * (from == that node) and deliveries. Message m1 happened before m2 if m2's sender had sent or
 * delivered m1 before sending m2 (transitively). A violation is a node that shows m2 before an
 * m1 → m2 that it also shows; a duplicate is a message shown twice by one node.
 */
final class CausalOrderChecker {
    /** One message line of one node's output. */
    record Shown(String node, String id, String from) {
    }

    private CausalOrderChecker() {
    }

    /** @return a description of every violation; empty when the outputs respect causal order. */
    static List<String> violations(Map<String, List<Shown>> outputs) {
        List<String> problems = new ArrayList<>();
        // causal past of each message, as the set of message ids before it (small runs: sets are fine)
        Map<String, Set<String>> past = new HashMap<>();
        Map<String, Set<String>> pastAtNode = new HashMap<>();
        Map<String, Integer> cursor = new HashMap<>();
        outputs.keySet().forEach(n -> {
            pastAtNode.put(n, new HashSet<>());
            cursor.put(n, 0);
        });
        boolean progress = true;
        while (progress) {
            progress = false;
            for (var e : outputs.entrySet()) {
                String node = e.getKey();
                List<Shown> seq = e.getValue();
                while (cursor.get(node) < seq.size()) {
                    Shown s = seq.get(cursor.get(node));
                    boolean isSend = s.from().equals(node);
                    if (!isSend && !past.containsKey(s.id())) {
                        break; // its send is not processed yet: come back later
                    }
                    Set<String> here = pastAtNode.get(node);
                    if (isSend) {
                        if (past.containsKey(s.id())) {
                            problems.add(node + " sent " + s.id() + " twice");
                        }
                        past.put(s.id(), new HashSet<>(here));
                    } else {
                        here.addAll(past.get(s.id()));
                    }
                    here.add(s.id());
                    cursor.put(node, cursor.get(node) + 1);
                    progress = true;
                }
            }
        }
        outputs.forEach((node, seq) -> {
            if (cursor.get(node) < seq.size()) {
                problems.add(node + " delivered " + seq.get(cursor.get(node)).id() + " that nobody sent");
            }
            Map<String, Integer> position = new HashMap<>();
            for (int i = 0; i < seq.size(); i++) {
                if (position.putIfAbsent(seq.get(i).id(), i) != null) {
                    problems.add(node + " showed " + seq.get(i).id() + " twice");
                }
            }
            for (int i = 0; i < seq.size(); i++) {
                Shown later = seq.get(i);
                for (String earlier : past.getOrDefault(later.id(), Set.of())) {
                    Integer at = position.get(earlier);
                    if (at != null && at > i) {
                        problems.add(node + " showed " + later.id() + " before " + earlier + ", which happened before it");
                    }
                }
            }
        });
        return problems;
    }
}

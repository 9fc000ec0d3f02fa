package peerchat.ui.swing.presenter;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import peerchat.engine.api.Conversation;
import peerchat.store.event.NodeId;

/**
 * What is unread in each conversation, counted by sender: when the user ignores someone, what
 * that person wrote stops counting (the node no longer shows it), and so does their mention.
 */
final class Unread {
    /** One conversation's unread messages per sender, and the senders of those that name the user. */
    private record In(Map<NodeId, Integer> bySender, Set<NodeId> mentionedBy) {
        int count() {
            return bySender.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Map<Conversation, In> unread = new HashMap<>();

    void add(Conversation conversation, NodeId from, boolean mention) {
        In in = unread.computeIfAbsent(conversation, c -> new In(new HashMap<>(), new HashSet<>()));
        in.bySender().merge(from, 1, Integer::sum);
        if (mention) {
            in.mentionedBy().add(from);
        }
    }

    /** The conversation was read: how many were unread there. */
    int clear(Conversation conversation) {
        In in = unread.remove(conversation);
        return in == null ? 0 : in.count();
    }

    int count(Conversation conversation) {
        In in = unread.get(conversation);
        return in == null ? 0 : in.count();
    }

    boolean mentioned(Conversation conversation) {
        In in = unread.get(conversation);
        return in != null && !in.mentionedBy().isEmpty();
    }

    int total() {
        return unread.values().stream().mapToInt(In::count).sum();
    }

    Set<Conversation> conversations() {
        return unread.keySet();
    }

    /** What {@code senders} wrote is no longer unread anywhere; a conversation left with nothing unread is dropped. */
    void forget(Set<NodeId> senders) {
        unread.values().forEach(in -> {
            in.bySender().keySet().removeAll(senders);
            in.mentionedBy().removeAll(senders);
        });
        unread.values().removeIf(in -> in.bySender().isEmpty());
    }
}

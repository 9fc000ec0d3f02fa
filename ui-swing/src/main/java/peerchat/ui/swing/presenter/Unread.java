package peerchat.ui.swing.presenter;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import peerchat.engine.api.Conversation;
import peerchat.store.event.NodeId;

/**
 * What is unread in each conversation, counted by sender: when the user ignores someone, what
 * that person wrote stops counting (the node no longer shows it), and so does their mention. A
 * count found at start from only the newest part of a long log is a floor ({@link #atLeast}).
 */
final class Unread {
    /** One conversation's unread messages per sender, the senders of those that name the user, and whether there may be more. */
    private static final class In {
        final Map<NodeId, Integer> bySender = new HashMap<>();
        final Set<NodeId> mentionedBy = new HashSet<>();
        boolean atLeast;

        int count() {
            return bySender.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Map<Conversation, In> unread = new HashMap<>();

    void add(Conversation conversation, NodeId from, boolean mention) {
        In in = unread.computeIfAbsent(conversation, c -> new In());
        in.bySender.merge(from, 1, Integer::sum);
        if (mention) {
            in.mentionedBy.add(from);
        }
    }

    /** There may be more unread in {@code conversation} than counted (the start read only the newest part of the log). */
    void mayBeMore(Conversation conversation) {
        In in = unread.get(conversation);
        if (in != null) {
            in.atLeast = true;
        }
    }

    /** Adds what {@code other} counted in {@code conversation}. */
    void addAll(Conversation conversation, Unread other) {
        In from = other.unread.get(conversation);
        if (from == null) {
            return;
        }
        In in = unread.computeIfAbsent(conversation, c -> new In());
        from.bySender.forEach((sender, n) -> in.bySender.merge(sender, n, Integer::sum));
        in.mentionedBy.addAll(from.mentionedBy);
        in.atLeast |= from.atLeast;
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

    /** Whether the count of {@code conversation} is a floor. */
    boolean atLeast(Conversation conversation) {
        In in = unread.get(conversation);
        return in != null && in.atLeast;
    }

    boolean mentioned(Conversation conversation) {
        In in = unread.get(conversation);
        return in != null && !in.mentionedBy.isEmpty();
    }

    int total() {
        return unread.values().stream().mapToInt(In::count).sum();
    }

    /** Whether some count is a floor. */
    boolean anyAtLeast() {
        return unread.values().stream().anyMatch(in -> in.atLeast);
    }

    Set<Conversation> conversations() {
        return unread.keySet();
    }

    /** What {@code senders} wrote is no longer unread anywhere; a conversation left with nothing unread is dropped. */
    void forget(Set<NodeId> senders) {
        unread.values().forEach(in -> {
            in.bySender.keySet().removeAll(senders);
            in.mentionedBy.removeAll(senders);
        });
        unread.values().removeIf(in -> in.bySender.isEmpty());
    }
}

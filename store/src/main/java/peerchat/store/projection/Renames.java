package peerchat.store.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import peerchat.store.event.GroupName;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;

/**
 * Who went by which name when, for the history to read as it happened: each user's names from the
 * position where each took effect, the renames that changed a name known here (the notices, in
 * their place among the messages), and who was in which group at each rename (a rename belongs to
 * a group's history when its user was in the group then, as IRC shows a nick change in the
 * channels the user is in).
 *
 * <p>A user's name at a message is the one their own last rename before it gave: a node's messages
 * are delivered everywhere in the order it sent them, so that is the name they wrote it under,
 * whatever a handshake said meanwhile. Before any rename here it is the first name heard of them.
 *
 * <p>Grows with renames, first names heard and changes of groups, never with messages: replaying a
 * log of a million messages adds nothing per message. Not thread-safe: {@link History} guards it.
 */
final class Renames {
    /** A rename with its place among the renames and changes of groups (positions only order it among messages). */
    private record Mark(RenameEntry rename, long change) {
    }

    private final Map<NodeId, NavigableMap<Long, String>> names = new HashMap<>();
    /** Ascending by position (each is added at the position the history has reached). */
    private final List<Mark> marks = new ArrayList<>();
    /** Per group other than all, per user, the changes at which they went in or out: in after an odd count. */
    private final Map<GroupName, Map<NodeId, LongList>> inOut = new HashMap<>();
    private long changes;

    /**
     * {@code name} was heard for {@code user} (a handshake): their name until their first rename
     * here, if none was heard before. A later one is the same news as the renames that lead to it,
     * which come in their place.
     */
    void heard(NodeId user, String name, long position) {
        NavigableMap<Long, String> timeline = names.computeIfAbsent(user, u -> new TreeMap<>());
        if (timeline.isEmpty()) {
            timeline.put(position, name);
        }
    }

    /** The sender of rename {@code id} goes by {@code name} from {@code position} on. */
    void renamed(MessageId id, String name, long sentAt, long position) {
        NavigableMap<Long, String> timeline = names.computeIfAbsent(id.sender(), u -> new TreeMap<>());
        String was = timeline.isEmpty() ? null : timeline.lastEntry().getValue();
        timeline.put(position, name);
        if (was != null && !was.equals(name)) {
            marks.add(new Mark(new RenameEntry(id, id.sender(), was, name, sentAt, position), ++changes));
        }
    }

    /** {@code user} created, joined or left {@code group}: only a change of in or out is kept. */
    void memberChanged(NodeId user, GroupName group, Payload.Change change) {
        if (group.isAll()) {
            return; // everyone is in all, always
        }
        LongList changed = inOut.computeIfAbsent(group, g -> new HashMap<>()).computeIfAbsent(user, u -> new LongList(2));
        boolean in = changed.size() % 2 == 1;
        if (in != (change != Payload.Change.LEAVE)) {
            changed.add(++changes);
        }
    }

    /** The name {@code user} went by at {@code position}; empty when none was ever heard. */
    String nameAt(NodeId user, long position) {
        NavigableMap<Long, String> timeline = names.get(user);
        if (timeline == null || timeline.isEmpty()) {
            return "";
        }
        // A message can be delivered before its sender's first handshake is logged: the first name heard is theirs.
        Map.Entry<Long, String> at = timeline.floorEntry(position);
        return (at != null ? at : timeline.firstEntry()).getValue();
    }

    /**
     * The renames of {@code conversation} ({@link History#EVERYWHERE}: all of them) placed after
     * position {@code after} and at {@code upTo} or before, in the order they were taken; a direct
     * conversation is this node's user's ({@code self}) with another.
     */
    List<RenameEntry> between(Conversation conversation, NodeId self, long after, long upTo) {
        List<RenameEntry> found = new ArrayList<>();
        for (int i = firstAfter(after); i < marks.size() && marks.get(i).rename().position() <= upTo; i++) {
            if (concerns(conversation, self, marks.get(i))) {
                found.add(marks.get(i).rename());
            }
        }
        return found;
    }

    /** The rename made by message {@code id}, if it changed a name known here. */
    Optional<RenameEntry> of(MessageId id) {
        // Asked as it is told, so it is among the last.
        for (int i = marks.size() - 1; i >= 0; i--) {
            if (marks.get(i).rename().id().equals(id)) {
                return Optional.of(marks.get(i).rename());
            }
        }
        return Optional.empty();
    }

    private int firstAfter(long position) {
        int lo = 0;
        int hi = marks.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (marks.get(mid).rename().position() <= position) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Whether a rename is part of {@code conversation}: its user was in it when they took the name. */
    private boolean concerns(Conversation conversation, NodeId self, Mark mark) {
        NodeId user = mark.rename().user();
        if (conversation == History.EVERYWHERE) {
            return true;
        }
        if (conversation instanceof Conversation.Direct d) {
            return user.equals(d.with()) || user.equals(self);
        }
        GroupName group = ((Conversation.Group) conversation).name();
        if (group.isAll()) {
            return true;
        }
        LongList changed = inOut.getOrDefault(group, Map.of()).get(user);
        return changed != null && changed.countBelow(mark.change()) % 2 == 1;
    }
}

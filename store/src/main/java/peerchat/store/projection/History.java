package peerchat.store.projection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.log.EventLog;
import peerchat.store.log.LogReader;

/**
 * Chat messages per conversation in delivery order (own messages at send time, received ones
 * when delivered). Only positions and log indexes are on the heap, 20 bytes a message; the
 * messages themselves are read from the memory-mapped log when asked for.
 *
 * <p>History reads as it happened: each message carries the name its sender wrote it under, and a
 * page ({@link Page}) has the renames among its messages, in their place ({@link Renames}, which
 * grows with renames, never with messages).
 *
 * <p>Thread-safe: updated by the log's writer thread, read from any thread. A query copies the
 * positions it needs under the lock, then reads the log without it.
 */
public final class History {
    /** Where a search looks: one conversation, or {@link #EVERYWHERE}. */
    public static final Conversation EVERYWHERE = null;
    private static final Predicate<HistoryEntry> ALL = e -> true;

    private final EventLog log;
    // Delivery order, all conversations: log index of the entry holding the message, and when it was delivered.
    private final LongList entryIndex = new LongList(1024);
    private final LongList deliveredAt = new LongList(1024);
    private final Map<Conversation, IntList> byConversation = new HashMap<>();
    // This node's own name from each position on: a message named its user or not by the name it had then.
    private final NavigableMap<Long, String> selfNames = new TreeMap<>();
    private final Renames renames = new Renames();
    private NodeId self;

    /**
     * A stretch of history: its messages, oldest first, and the renames among them, each after the
     * messages before its position. A page of a conversation has the renames from its first message
     * to where the next page begins (or to now): paging back, each rename is on one page.
     */
    public record Page(List<HistoryEntry> messages, List<RenameEntry> renames) {
        public Page {
            messages = List.copyOf(messages);
            renames = List.copyOf(renames);
        }
    }

    History(EventLog log) {
        this.log = log;
    }

    synchronized void delivered(Conversation conversation, long index, long at) {
        int position = entryIndex.size();
        entryIndex.add(index);
        deliveredAt.add(at);
        byConversation.computeIfAbsent(conversation, c -> new IntList(16)).add(position);
    }

    /** This node's identity was made, named {@code name} (from the next message on). */
    synchronized void identity(NodeId id, String name) {
        self = id;
        selfNames.put((long) entryIndex.size(), name);
        renames.heard(id, name, entryIndex.size());
    }

    /** A handshake named {@code user}: their name here until their first rename, if none was heard before. */
    synchronized void heard(NodeId user, String name) {
        renames.heard(user, name, entryIndex.size());
    }

    /** The sender of rename {@code id} (sent at {@code sentAt}, their clock) goes by {@code name} from the next message on. */
    synchronized void renamed(MessageId id, String name, long sentAt) {
        if (id.sender().equals(self)) {
            selfNames.put((long) entryIndex.size(), name);
        }
        renames.renamed(id, name, sentAt, entryIndex.size());
    }

    /** {@code user} created, joined or left {@code group}: whose renames are part of the group's history. */
    synchronized void memberChanged(NodeId user, GroupName group, Payload.Change change) {
        renames.memberChanged(user, group, change);
    }

    /**
     * The name {@code user} wrote the message at {@code position} under (their last rename before
     * it, else the first name heard of them); empty when none was ever heard.
     */
    public synchronized String nameAt(NodeId user, long position) {
        return renames.nameAt(user, position);
    }

    /** The rename made by message {@code id}, where it is in the history: none if it named no one known here by another name. */
    public synchronized Optional<RenameEntry> rename(MessageId id) {
        return renames.of(id);
    }

    /**
     * The name this node's user had when the message at {@code position} was sent or delivered:
     * whether that message named them is judged by it, in the history as it was live (a rename
     * since neither makes nor unmakes a mention). Empty before any.
     */
    public synchronized String selfNameAt(long position) {
        Map.Entry<Long, String> e = selfNames.floorEntry(position);
        return e == null ? "" : e.getValue();
    }

    public synchronized int size(Conversation conversation) {
        IntList positions = byConversation.get(conversation);
        return positions == null ? 0 : positions.size();
    }

    /** Total messages, every conversation. */
    public synchronized int size() {
        return entryIndex.size();
    }

    public synchronized Set<Conversation> conversations() {
        return Set.copyOf(byConversation.keySet());
    }

    /** The newest {@code n} messages of {@code conversation}, oldest first. */
    public List<HistoryEntry> newest(Conversation conversation, int n) {
        return before(conversation, Long.MAX_VALUE, n, ALL);
    }

    /** The newest {@code n} messages of {@code conversation} that {@code shown} keeps, oldest first. */
    public List<HistoryEntry> newest(Conversation conversation, int n, Predicate<HistoryEntry> shown) {
        return before(conversation, Long.MAX_VALUE, n, shown);
    }

    /** As {@link #newest(Conversation, int, Predicate)}, with the renames from its first message to now. */
    public Page newestPage(Conversation conversation, int n, Predicate<HistoryEntry> shown) {
        return beforePage(conversation, Long.MAX_VALUE, n, shown);
    }

    /** The {@code n} messages just before position {@code cursor} (exclusive), oldest first. */
    public List<HistoryEntry> before(Conversation conversation, long cursor, int n) {
        return before(conversation, cursor, n, ALL);
    }

    /**
     * The {@code n} messages that {@code shown} keeps just before position {@code cursor}
     * (exclusive), oldest first: those it drops do not count, so a page is full while there are
     * messages left to show.
     */
    public List<HistoryEntry> before(Conversation conversation, long cursor, int n, Predicate<HistoryEntry> shown) {
        return beforePage(conversation, cursor, n, shown).messages();
    }

    /**
     * As {@link #before(Conversation, long, int, Predicate)}, with the renames of the conversation
     * from its first message up to {@code cursor}, where the next page begins (a rename at it came
     * before that page's first message), or to now: none before the conversation's first message,
     * which is no part of its history.
     */
    public Page beforePage(Conversation conversation, long cursor, int n, Predicate<HistoryEntry> shown) {
        List<HistoryEntry> newestFirst = new ArrayList<>(Math.max(0, Math.min(n, 1024)));
        long end;
        try (LogReader reader = log.summaryReader()) {
            int i;
            synchronized (this) {
                IntList positions = byConversation.get(conversation);
                if (positions == null || n <= 0) {
                    return new Page(List.of(), List.of());
                }
                i = positions.countBelow((int) Math.min(cursor, Integer.MAX_VALUE)) - 1;
                // What came after this moment is not on the page: a reader that listens is told it.
                end = Math.min(cursor, entryIndex.size());
            }
            for (; i >= 0 && newestFirst.size() < n; i--) {
                long[] slot;
                synchronized (this) {
                    slot = slot(byConversation.get(conversation).get(i));
                }
                read(reader, slot).filter(shown).ifPresent(newestFirst::add);
            }
        }
        if (newestFirst.isEmpty()) {
            return new Page(List.of(), List.of());
        }
        Collections.reverse(newestFirst);
        List<RenameEntry> among;
        synchronized (this) {
            among = renames.between(conversation, self, newestFirst.get(0).position(), end);
        }
        return new Page(newestFirst, among);
    }

    /**
     * Up to {@code n} messages just after position {@code cursor} (exclusive; -1 for the first),
     * every conversation, in delivery order: what a reader that saw up to {@code cursor} missed.
     */
    public List<HistoryEntry> after(long cursor, int n) {
        return after(cursor, n, ALL);
    }

    /** As {@link #after(long, int)}, of the messages {@code shown} keeps (those it drops do not count). */
    public List<HistoryEntry> after(long cursor, int n, Predicate<HistoryEntry> shown) {
        return afterPage(cursor, n, shown).messages();
    }

    /**
     * As {@link #after(long, int, Predicate)}, with every rename after {@code cursor}: up to the
     * last message of a full page (the next page has those after it), else to now.
     */
    public Page afterPage(long cursor, int n, Predicate<HistoryEntry> shown) {
        List<HistoryEntry> page = new ArrayList<>(Math.max(0, Math.min(n, 1024)));
        long end = cursor;
        try (LogReader reader = log.summaryReader()) {
            for (long p = Math.max(0, cursor + 1); ; p++) {
                if (page.size() >= n) {
                    end = page.isEmpty() ? cursor : page.get(page.size() - 1).position();
                    break;
                }
                long[] slot;
                synchronized (this) {
                    if (p >= entryIndex.size()) {
                        end = entryIndex.size();
                        break;
                    }
                    slot = slot((int) p);
                }
                read(reader, slot).filter(shown).ifPresent(page::add);
            }
        }
        List<RenameEntry> among;
        synchronized (this) {
            among = renames.between(EVERYWHERE, self, cursor, end);
        }
        return new Page(page, among);
    }

    /**
     * Up to {@code n} messages of {@code conversation} ({@link #EVERYWHERE}: all) whose text
     * contains {@code text}, case-insensitively; newest first.
     */
    public List<HistoryEntry> search(Conversation conversation, String text, int n) {
        return search(conversation, text, n, ALL);
    }

    /** As {@link #search(Conversation, String, int)}, of the messages {@code shown} keeps. */
    public List<HistoryEntry> search(Conversation conversation, String text, int n, Predicate<HistoryEntry> shown) {
        String needle = text.toLowerCase(Locale.ROOT);
        int[] positions;
        synchronized (this) {
            if (conversation == EVERYWHERE) {
                positions = new int[entryIndex.size()];
                for (int i = 0; i < positions.length; i++) {
                    positions[i] = i;
                }
            } else {
                IntList list = byConversation.get(conversation);
                positions = new int[list == null ? 0 : list.size()];
                for (int i = 0; i < positions.length; i++) {
                    positions[i] = list.get(i);
                }
            }
        }
        List<HistoryEntry> found = new ArrayList<>();
        try (LogReader reader = log.summaryReader()) {
            for (int i = positions.length - 1; i >= 0 && found.size() < n; i--) {
                long[] slot;
                synchronized (this) {
                    slot = slot(positions[i]);
                }
                read(reader, slot).filter(shown).filter(e -> e.text().toLowerCase(Locale.ROOT).contains(needle)).ifPresent(found::add);
            }
        }
        return Collections.unmodifiableList(found);
    }

    private long[] slot(int position) {
        return new long[] {entryIndex.get(position), deliveredAt.get(position), position};
    }

    private Optional<HistoryEntry> read(LogReader reader, long[] slot) {
        return reader.read(slot[0]).flatMap(event -> toEntry(event, slot[0], slot[1], slot[2]));
    }

    private Optional<HistoryEntry> toEntry(Event event, long index, long at, long position) {
        if (event instanceof Event.MessageSent) {
            Event.MessageSent sent = (Event.MessageSent) event;
            Payload.Chat chat = (Payload.Chat) sent.payload();
            NodeId from = sent.id().sender();
            return Optional.of(new HistoryEntry(sent.id(), from, nameAt(from, position), chat.to(), chat.text(), sent.ts(), at,
                    index, position, false));
        }
        if (event instanceof Event.MessageReceived) {
            Event.MessageReceived received = (Event.MessageReceived) event;
            Payload.Chat chat = (Payload.Chat) received.payload();
            NodeId from = received.id().sender();
            return Optional.of(new HistoryEntry(received.id(), from, nameAt(from, position), chat.to(), chat.text(),
                    received.sentAt(), at, index, position, !received.deliveredAtOnce()));
        }
        return Optional.empty();
    }
}

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
import peerchat.store.event.Payload;
import peerchat.store.log.EventLog;
import peerchat.store.log.LogReader;

/**
 * Chat messages per conversation in delivery order (own messages at send time, received ones
 * when delivered). Only positions and log indexes are on the heap, 20 bytes a message; the
 * messages themselves are read from the memory-mapped log when asked for.
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

    History(EventLog log) {
        this.log = log;
    }

    synchronized void delivered(Conversation conversation, long index, long at) {
        int position = entryIndex.size();
        entryIndex.add(index);
        deliveredAt.add(at);
        byConversation.computeIfAbsent(conversation, c -> new IntList(16)).add(position);
    }

    /** This node's user goes by {@code name} from the next message on (its identity was made, or it renamed). */
    synchronized void selfNamed(String name) {
        selfNames.put((long) entryIndex.size(), name);
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
        List<HistoryEntry> newestFirst = new ArrayList<>(Math.max(0, Math.min(n, 1024)));
        try (LogReader reader = log.summaryReader()) {
            int i;
            synchronized (this) {
                IntList positions = byConversation.get(conversation);
                if (positions == null || n <= 0) {
                    return List.of();
                }
                i = positions.countBelow((int) Math.min(cursor, Integer.MAX_VALUE)) - 1;
            }
            for (; i >= 0 && newestFirst.size() < n; i--) {
                long[] slot;
                synchronized (this) {
                    slot = slot(byConversation.get(conversation).get(i));
                }
                read(reader, slot).filter(shown).ifPresent(newestFirst::add);
            }
        }
        Collections.reverse(newestFirst);
        return newestFirst;
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
        List<HistoryEntry> page = new ArrayList<>(Math.max(0, Math.min(n, 1024)));
        try (LogReader reader = log.summaryReader()) {
            for (long p = Math.max(0, cursor + 1); page.size() < n; p++) {
                long[] slot;
                synchronized (this) {
                    if (p >= entryIndex.size()) {
                        break;
                    }
                    slot = slot((int) p);
                }
                read(reader, slot).filter(shown).ifPresent(page::add);
            }
        }
        return page;
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

    private static Optional<HistoryEntry> read(LogReader reader, long[] slot) {
        return reader.read(slot[0]).flatMap(event -> toEntry(event, slot[0], slot[1], slot[2]));
    }

    private static Optional<HistoryEntry> toEntry(Event event, long index, long at, long position) {
        if (event instanceof Event.MessageSent) {
            Event.MessageSent sent = (Event.MessageSent) event;
            Payload.Chat chat = (Payload.Chat) sent.payload();
            return Optional.of(new HistoryEntry(sent.id(), sent.id().sender(), chat.to(), chat.text(), sent.ts(), at, index, position, false));
        }
        if (event instanceof Event.MessageReceived) {
            Event.MessageReceived received = (Event.MessageReceived) event;
            Payload.Chat chat = (Payload.Chat) received.payload();
            return Optional.of(new HistoryEntry(received.id(), received.id().sender(), chat.to(), chat.text(),
                    received.sentAt(), at, index, position, !received.deliveredAtOnce()));
        }
        return Optional.empty();
    }
}

package peerchat.store;

import static org.assertj.core.api.Assertions.assertThat;
import static peerchat.store.Fixtures.BOB;
import static peerchat.store.Fixtures.ME;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.Payload;
import peerchat.store.log.LogOnDays;
import peerchat.store.log.Logged;
import peerchat.store.projection.Conversation;
import peerchat.store.projection.HistoryEntry;

/**
 * A node that runs for days writes one queue file per UTC day (Chronicle's daily roll): its log
 * reads as one across them, live and after a restart (history pages, replay in parallel chunks
 * that span files, reads by index, tails, the outbox of unacked sends).
 */
class MultiDayLogTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Conversation ALL = new Conversation.Group(GroupName.ALL);

    @TempDir
    Path dir;
    /** A minute before midnight UTC: the first append of the next day starts a file. */
    private final SetTimeProvider time = new SetTimeProvider(Instant.parse("2026-11-30T23:59:00Z"));
    private int seq;

    @Test
    void aLogSpanningDaysReadsAsOneLiveAndAfterARestart() throws Exception {
        List<Long> indexes = new ArrayList<>();
        try (Store store = Store.over(LogOnDays.open(dir, time), null)) {
            // More than a replay chunk (1024) on the first day, a few on the next, then two days off.
            indexes.addAll(chats(store, 1500));
            time.advanceMillis(Duration.ofMinutes(2).toMillis());
            indexes.addAll(chats(store, 10));
            time.advanceMillis(Duration.ofDays(2).toMillis());
            indexes.addAll(chats(store, 1200));
            assertThat(queueFiles()).hasSize(3);
            assertReadsAsOne(store, indexes);
        }
        time.advanceMillis(Duration.ofDays(1).toMillis());
        try (Store store = Store.over(LogOnDays.open(dir, time), null)) {
            assertReadsAsOne(store, indexes);
            // A tail from the middle of the first day: the rest, then an append on a fourth day, live.
            List<String> tailed = new ArrayList<>();
            var sub = store.tail(indexes.get(1499)).subscribe(l -> tailed.add(text(l)));
            try {
                indexes.addAll(chats(store, 1));
                org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> tailed.size() == 1211);
            } finally {
                sub.dispose();
            }
            assertThat(tailed.get(0)).isEqualTo("m1501");
            assertThat(tailed.get(1210)).isEqualTo("m2711");
            assertThat(queueFiles()).hasSize(4);
        }
    }

    @Test
    void unackedSendsOfEarlierDaysAreReadBackForTheOutbox() {
        long[] firstDay = new long[2];
        try (Store store = Store.over(LogOnDays.open(dir, time), null)) {
            firstDay[0] = store.append(Fixtures.sent(ME, 1, Fixtures.text(Fixtures.group("all"), "one"), Set.of(BOB), 1, 1)).block(TIMEOUT);
            firstDay[1] = store.append(Fixtures.sent(ME, 2, Fixtures.text(Fixtures.group("all"), "two"), Set.of(BOB), 2, 2)).block(TIMEOUT);
            time.advanceMillis(Duration.ofDays(1).toMillis());
            store.append(Fixtures.sent(ME, 3, Fixtures.text(Fixtures.group("all"), "three"), Set.of(BOB), 3, 3)).block(TIMEOUT);
            time.advanceMillis(Duration.ofDays(1).toMillis());
            store.append(new Event.PeerAcked(BOB, 1, 4)).block(TIMEOUT);
        }
        try (Store store = Store.over(LogOnDays.open(dir, time), null)) {
            long[] unacked = store.links().unacked(BOB);
            assertThat(unacked).hasSize(2).startsWith(firstDay[1]);
            assertThat(Stream.of(store.read(unacked[0]), store.read(unacked[1]))
                    .map(e -> ((Event.MessageSent) e.orElseThrow()).linkSeq().get(BOB))).containsExactly(2L, 3L);
        }
    }

    private void assertReadsAsOne(Store store, List<Long> indexes) {
        int n = indexes.size();
        assertThat(indexes).isSorted().doesNotHaveDuplicates();
        assertThat(store.history().size(ALL)).isEqualTo(n);
        List<HistoryEntry> newest = store.history().newest(ALL, n);
        assertThat(newest).extracting(HistoryEntry::text).containsExactlyElementsOf(texts(1, n));
        // A page that ends on the second day and starts on the first.
        List<HistoryEntry> page = store.history().before(ALL, newest.get(1505).position(), 20);
        assertThat(page).extracting(HistoryEntry::text).containsExactlyElementsOf(texts(1486, 1505));
        List<String> replayed = new ArrayList<>();
        store.log().replay(l -> replayed.add(text(l)));
        assertThat(replayed).containsExactlyElementsOf(texts(1, n));
        assertThat(store.log().replay().map(MultiDayLogTest::text).collectList().block(TIMEOUT)).containsExactlyElementsOf(texts(1, n));
        for (int k : new int[] {0, 1499, 1500, 1509, 1510, n - 1}) {
            Event e = store.read(indexes.get(k)).orElseThrow();
            assertThat(((Payload.Chat) ((Event.MessageSent) e).payload()).text()).isEqualTo("m" + (k + 1));
        }
        assertThat(store.log().lastIndex()).isEqualTo(indexes.get(n - 1));
    }

    private List<Long> chats(Store store, int count) {
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seq++;
            batch.add(Fixtures.chat(ME, seq, Fixtures.group("all"), "m" + seq));
        }
        return store.appendAll(batch).block(TIMEOUT);
    }

    private static List<String> texts(int from, int to) {
        List<String> t = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            t.add("m" + i);
        }
        return t;
    }

    private static String text(Logged l) {
        return ((Payload.Chat) ((Event.MessageSent) l.event()).payload()).text();
    }

    private List<Path> queueFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".cq4")).toList();
        }
    }
}

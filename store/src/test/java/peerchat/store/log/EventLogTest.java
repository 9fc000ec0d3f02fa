package peerchat.store.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import peerchat.store.Fixtures;
import peerchat.store.event.Event;

class EventLogTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    EventLog log;

    @BeforeEach
    void open() {
        log = EventLog.open(dir);
    }

    @AfterEach
    void close() {
        log.close();
    }

    static Event.PeerAcked ack(long n) {
        return new Event.PeerAcked(Fixtures.BOB, n, n);
    }

    @Test
    void appendsReturnIncreasingIndexesAndReplayGivesTheEventsBackInOrder() {
        List<Long> indexes = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            indexes.add(log.append(ack(i)).block(TIMEOUT));
        }
        assertThat(indexes).isSorted().doesNotHaveDuplicates();
        assertThat(log.lastIndex()).isEqualTo(indexes.get(49));

        List<Logged> replayed = new ArrayList<>();
        assertThat(log.replay(replayed::add)).isEqualTo(50);
        assertThat(replayed).extracting(Logged::index).isEqualTo(indexes);
        assertThat(replayed).extracting(Logged::event)
                .isEqualTo(IntStream.rangeClosed(1, 50).mapToObj(EventLogTest::ack).collect(Collectors.toList()));
        StepVerifier.create(log.replay()).expectNextSequence(replayed).expectComplete().verify(TIMEOUT);
    }

    @Test
    void aReplayLongerThanItsDecodingChunksKeepsLogOrder() {
        List<Event> events = IntStream.rangeClosed(1, 5_000).mapToObj(EventLogTest::ack).collect(Collectors.toList());
        List<Long> indexes = log.appendAll(events).block(TIMEOUT);
        List<Logged> replayed = new ArrayList<>();
        assertThat(log.replay(replayed::add)).isEqualTo(5_000);
        assertThat(replayed).extracting(Logged::index).isEqualTo(indexes);
        assertThat(replayed).extracting(Logged::event).isEqualTo(events);
        List<Logged> summaries = new ArrayList<>();
        log.replaySummaries(summaries::add);
        assertThat(summaries).isEqualTo(replayed);
    }

    @Test
    void appendAllWritesEveryEventContiguouslyAndReadFindsEachByIndex() {
        List<Event> events = IntStream.rangeClosed(1, 20).mapToObj(EventLogTest::ack).collect(Collectors.toList());
        List<Long> indexes = log.appendAll(events).block(TIMEOUT);
        assertThat(indexes).hasSize(20).isSorted();
        for (int i = 0; i < 20; i++) {
            assertThat(log.read(indexes.get(i))).contains(events.get(i));
        }
        assertThat(log.read(indexes.get(19) + 1)).isEmpty();
        assertThat(log.read(-5)).isEmpty();
    }

    @Test
    void appendsFromManyThreadsAreAllWrittenEachOnce() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Long> indexes = new CopyOnWriteArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 1000;
            threads.add(new Thread(() -> {
                for (int i = 1; i <= 100; i++) {
                    indexes.add(log.append(ack(base + i)).block(TIMEOUT));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(TIMEOUT.toMillis());
        }
        assertThat(indexes).hasSize(400).doesNotHaveDuplicates();
        List<Long> seqs = new ArrayList<>();
        log.replay(l -> seqs.add(((Event.PeerAcked) l.event()).linkSeq()));
        assertThat(seqs).hasSize(400).doesNotHaveDuplicates();
    }

    @Test
    void appendedIsHotAndSeesOnlyNewEntriesInOrder() {
        log.append(ack(1)).block(TIMEOUT);
        StepVerifier.create(log.appended().map(Logged::event).take(3))
                .then(() -> log.appendAll(List.of(ack(2), ack(3), ack(4))))
                .expectNext(ack(2), ack(3), ack(4))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void tailGivesThePastAfterAnIndexThenLiveEntriesWithoutGapOrDuplicate() {
        List<Long> first = log.appendAll(IntStream.rangeClosed(1, 10).mapToObj(EventLogTest::ack).collect(Collectors.toList()))
                .block(TIMEOUT);
        List<Event> seen = new CopyOnWriteArrayList<>();
        Disposable tail = log.tail(first.get(4)).subscribe(l -> seen.add(l.event()));
        try {
            // Appends racing with the tail's catch-up must still come out once each, in order.
            for (int i = 11; i <= 200; i++) {
                log.append(ack(i));
            }
            org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> seen.size() >= 195);
            assertThat(seen).isEqualTo(IntStream.rangeClosed(6, 200).mapToObj(EventLogTest::ack).collect(Collectors.toList()));
        } finally {
            tail.dispose();
        }
    }

    @Test
    void tailFromMinusOneStartsAtTheBeginningOfAnEmptyLog() {
        StepVerifier.create(log.tail(-1).map(Logged::event).take(2))
                .then(() -> log.appendAll(List.of(ack(1), ack(2))))
                .expectNext(ack(1), ack(2))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void theLogSurvivesReopeningAndGoesOnAppending() {
        long a = log.append(ack(1)).block(TIMEOUT);
        log.close();
        log = EventLog.open(dir);
        assertThat(log.lastIndex()).isEqualTo(a);
        long b = log.append(ack(2)).block(TIMEOUT);
        assertThat(b).isGreaterThan(a);
        List<Event> all = new ArrayList<>();
        log.replay(l -> all.add(l.event()));
        assertThat(all).containsExactly(ack(1), ack(2));
    }

    @Test
    void appendingToAClosedLogIsAnErrorNotAHang() {
        assertThat(log.isClosed()).isFalse();
        log.close();
        assertThat(log.isClosed()).isTrue();
        assertThatThrownBy(() -> log.append(ack(1)).block(TIMEOUT)).hasMessageContaining("closed");
        log.close(); // idempotent
    }

    @Test
    void appendNowIsForTheWriterThreadOnly() {
        assertThatThrownBy(() -> log.appendNow(List.of(ack(1)))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not the log's writer thread");
        List<Long> written = reactor.core.publisher.Mono.fromCallable(() -> log.appendNow(List.of(ack(1), ack(2))))
                .subscribeOn(log.scheduler()).block(TIMEOUT);
        assertThat(written).hasSize(2);
        assertThat(log.lastIndex()).isEqualTo(written.get(1));
    }

    @Test
    void aNullEventIsRefusedAtOnce() {
        assertThatThrownBy(() -> log.append(null)).isInstanceOf(NullPointerException.class);
        assertThat(log.lastIndex()).isEqualTo(-1);
    }

    @Test
    void aLentWriterThreadWritesInLineAndIsLeftRunningWhenTheLogCloses() throws Exception {
        java.util.concurrent.ScheduledExecutorService lent = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        Path other = dir.resolve("lent");
        try {
            EventLog withLent = EventLog.open(other, new peerchat.store.event.EventCodec(), lent);
            // Work of the lender's own (a node's network, say) is on the writer thread: written before it returns.
            List<Long> written = lent.submit(() -> {
                assertThat(withLent.onWriterThread()).isTrue();
                return withLent.appendNow(List.of(ack(1), ack(2)));
            }).get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(withLent.onWriterThread()).isFalse();
            long third = withLent.append(ack(3)).block(TIMEOUT);
            assertThat(third).isGreaterThan(written.get(1));

            withLent.close();
            assertThat(withLent.isClosed()).isTrue();
            assertThat(lent.isShutdown()).isFalse();
            assertThat(lent.submit(() -> "still running").get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("still running");
            assertThatThrownBy(() -> withLent.append(ack(4)).block(TIMEOUT)).hasMessageContaining("closed");

            // Closed for real: the queue opens again, with everything written.
            EventLog again = EventLog.open(other);
            List<Event> all = new ArrayList<>();
            again.replay(l -> all.add(l.event()));
            again.close();
            assertThat(all).containsExactly(ack(1), ack(2), ack(3));
        } finally {
            lent.shutdownNow();
        }
    }
}

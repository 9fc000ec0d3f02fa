package peerchat.store.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.store.Fixtures;

/**
 * The room allocated ahead of the log's end is there while a day's file is written, and given
 * back when the day is over and when the log closes: a node that runs for a year keeps no
 * megabytes of zeros per day. Allocation is read with {@code stat} (Linux).
 */
class LogRoomTest {
    private static final long MB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void roomAheadIsAllocatedWhileADayIsWrittenAndGivenBackAfterwards() throws Exception {
        assumeThat(System.getProperty("os.name")).as("fallocate(2) is Linux's").isEqualTo("Linux");
        await().atMost(Duration.ofSeconds(30)).until(Fallocate::available);
        SetTimeProvider time = new SetTimeProvider(Instant.parse("2026-11-30T12:00:00Z"));
        try (EventLog log = LogOnDays.open(dir, time)) {
            append(log, 100);
            Path firstDay = queueFiles().get(0);
            assertThat(allocated(firstDay)).as("the day's file with its room ahead").isGreaterThan(LogRoom.LOW);

            time.advanceMillis(Duration.ofDays(1).toMillis());
            append(log, 100);
            assertThat(queueFiles()).hasSize(2);
            await().atMost(Duration.ofSeconds(30)).until(() -> allocated(firstDay) < MB);
            assertThat(allocated(queueFiles().get(1))).isGreaterThan(LogRoom.LOW);
        }
        Path secondDay = queueFiles().get(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> allocated(secondDay) < MB);

        // Given back, not lost: everything reads, and the next run writes on after it.
        try (EventLog log = LogOnDays.open(dir, time)) {
            append(log, 1);
            List<Long> seqs = new java.util.ArrayList<>();
            log.replay(l -> seqs.add(((peerchat.store.event.Event.MessageSent) l.event()).id().seq()));
            assertThat(seqs).hasSize(201).isSorted();
        }
    }

    private int seq;

    private void append(EventLog log, int count) {
        for (int i = 0; i < count; i++) {
            seq++;
            log.append(Fixtures.chat(Fixtures.ME, seq, Fixtures.group("all"), "x".repeat(500))).block(Duration.ofSeconds(10));
        }
    }

    private List<Path> queueFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".cq4")).sorted().toList();
        }
    }

    /** Bytes of disk the file holds (its blocks), not its length. */
    static long allocated(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
        String[] out = new String(p.getInputStream().readAllBytes()).trim().split(" ");
        p.waitFor();
        return Long.parseLong(out[0]) * Long.parseLong(out[1]);
    }
}

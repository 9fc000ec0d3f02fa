package peerchat.store.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.store.ChildJvm;
import peerchat.store.Store;
import peerchat.store.event.Event;

/** A writer killed with SIGKILL loses no entry whose append had returned, and the log opens cleanly. */
class CrashSafetyTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private BufferedReader start(String mode) throws IOException {
        child = new ProcessBuilder(ChildJvm.command(CrashingWriter.class, mode, dir.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    /** SIGKILL on Linux: no shutdown hook, no flush, no close of the queue. */
    private void kill() throws InterruptedException {
        child.destroyForcibly();
        assertThat(child.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void everyAppendThatReturnedBeforeTheKillIsThereAfterward() throws Exception {
        Map<Long, Long> acknowledged = new HashMap<>();
        try (BufferedReader lines = start("loop")) {
            // Enough appends that the kill lands while the child is busy writing.
            while (acknowledged.size() < 3_000) {
                String line = lines.readLine();
                assertThat(line).as("child stopped early").isNotNull();
                String[] parts = line.split(" ");
                acknowledged.put(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            }
            kill();
        }

        try (Store store = Store.open(dir)) {
            Map<Long, Long> found = new HashMap<>();
            store.log().replay(l -> found.put(l.index(), ((Event.PeerAcked) l.event()).linkSeq()));
            assertThat(found).containsAllEntriesOf(acknowledged);
            // Nothing invented either: the log holds 1..n in order with no holes.
            assertThat(found.values()).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, found.size()).boxed().collect(java.util.stream.Collectors.toList()));
            long next = store.append(CrashingWriter.event(found.size() + 1)).block(TIMEOUT);
            assertThat(store.read(next)).contains(CrashingWriter.event(found.size() + 1));
        }
    }

    @Test
    void anEntryTornByTheKillIsSkippedAndTheLogGoesOn() throws Exception {
        try (BufferedReader lines = start("torn")) {
            assertThat(lines.readLine()).isEqualTo("torn");
            kill();
        }

        long appended;
        try (Store store = Store.open(dir)) {
            List<Event> events = new ArrayList<>();
            store.log().replay(l -> events.add(l.event()));
            assertThat(events).containsExactly(CrashingWriter.event(1), CrashingWriter.event(2), CrashingWriter.event(3));
            appended = store.append(CrashingWriter.event(5)).block(TIMEOUT);
            assertThat(store.read(appended)).contains(CrashingWriter.event(5));
        }
        try (EventLog log = EventLog.open(dir)) {
            List<Event> events = new ArrayList<>();
            log.replay(l -> events.add(l.event()));
            assertThat(events).containsExactly(CrashingWriter.event(1), CrashingWriter.event(2), CrashingWriter.event(3),
                    CrashingWriter.event(5));
        }
    }
}

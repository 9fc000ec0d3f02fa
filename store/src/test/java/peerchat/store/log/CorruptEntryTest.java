package peerchat.store.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.store.Fixtures;
import peerchat.store.Store;
import peerchat.store.event.Event;
import peerchat.store.event.EventCodec;
import peerchat.store.event.EventType;

/**
 * Entries this code cannot read — written by a newer version, of a type it does not know, or
 * damaged on disk — are skipped with a WARN naming their index, and nothing good is lost.
 */
class CorruptEntryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final EventCodec codec = new EventCodec();

    @TempDir
    Path dir;

    private interface Raw {
        void write(net.openhft.chronicle.bytes.Bytes<?> out);
    }

    /** Writes one document with raw Chronicle, bypassing the log, as another program could. */
    private long rawAppend(Raw raw) {
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).build();
             ExcerptAppender appender = queue.createAppender()) {
            try (DocumentContext dc = appender.writingDocument()) {
                raw.write(dc.wire().bytes());
            }
            return appender.lastIndexAppended();
        }
    }

    private static Event seen(String name) {
        return new Event.PeerSeen(Fixtures.BOB, name, null, null, 1);
    }

    @Test
    void unreadableEntriesAreSkippedByIndexAndEveryGoodOneSurvives() {
        try (EventLog log = EventLog.open(dir)) {
            log.append(seen("one")).block(TIMEOUT);
        }
        byte[] body = codec.encode(seen("future"));
        long newer = rawAppend(out -> out.writeInt(EventCodec.SCHEMA_VERSION + 1).writeByte((byte) 2).write(body));
        long unknown = rawAppend(out -> out.writeInt(EventCodec.SCHEMA_VERSION).writeByte((byte) 77).write(body));
        long garbage = rawAppend(out -> out.writeInt(EventCodec.SCHEMA_VERSION)
                .writeByte((byte) EventType.PEER_SEEN.tag()).write("\u0000garbage\u00ff".getBytes(StandardCharsets.ISO_8859_1)));
        long tooShort = rawAppend(out -> out.writeByte((byte) 1));
        long empty = rawAppend(out -> { });

        try (LogWarnings warnings = new LogWarnings(); Store store = Store.open(dir)) {
            assertThat(store.membership().user(Fixtures.BOB)).hasValueSatisfying(u -> assertThat(u.name()).isEqualTo("one"));
            for (long index : List.of(newer, unknown, garbage, tooShort, empty)) {
                assertThat(warnings.lines()).anySatisfy(line -> assertThat(line).contains("entry " + index));
            }
            assertThat(warnings.lines()).anySatisfy(line -> assertThat(line).contains("schema version " + (EventCodec.SCHEMA_VERSION + 1)));
            assertThat(warnings.lines()).anySatisfy(line -> assertThat(line).contains("tag 77"));

            // The store goes on: appends land after the bad entries, and reads find them.
            long next = store.append(seen("two")).block(TIMEOUT);
            assertThat(next).isGreaterThan(empty);
            assertThat(store.membership().user(Fixtures.BOB)).hasValueSatisfying(u -> assertThat(u.name()).isEqualTo("two"));
            assertThat(store.read(garbage)).isEmpty();
        }
        // Nothing was truncated: the bad entries are still there for a later version to read.
        try (EventLog log = EventLog.open(dir)) {
            List<Event> good = new ArrayList<>();
            log.replay(l -> good.add(l.event()));
            assertThat(good).containsExactly(seen("one"), seen("two"));
        }
        assertThat(countDocuments()).isEqualTo(7);
    }

    @Test
    void anEntryDamagedInTheQueueFileIsSkippedAndItsNeighboursRead() throws IOException {
        try (EventLog log = EventLog.open(dir)) {
            log.append(seen("before")).block(TIMEOUT);
            log.append(seen("DAMAGEDxENTRY")).block(TIMEOUT);
            log.append(seen("after")).block(TIMEOUT);
        }
        overwriteBodyOf("DAMAGEDxENTRY");

        try (LogWarnings warnings = new LogWarnings(); EventLog log = EventLog.open(dir)) {
            List<Event> read = new ArrayList<>();
            log.replay(l -> read.add(l.event()));
            assertThat(read).containsExactly(seen("before"), seen("after"));
            assertThat(warnings.lines()).singleElement().satisfies(line -> assertThat(line).contains("skipped"));
            assertThat(log.append(seen("later")).block(TIMEOUT)).isGreaterThan(0);
        }
    }

    @Test
    void aLogCutShortInTheMiddleIsMadeAgainFromWhatItCanGiveAndTheDamagedOneKeptAside() throws IOException {
        for (int entries : new int[] {40, 100}) { // the queue indexes every 16th: its end is found differently
            Path log = dir.resolve("log" + entries);
            try (EventLog writing = EventLog.open(log)) {
                for (int i = 0; i < entries; i++) {
                    writing.append(seen("entry" + i + "x")).block(TIMEOUT);
                }
            }
            Path file = queueFile(log);
            String name = file.getFileName().toString();
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            int at = text.lastIndexOf(":)\n", text.indexOf("entry20x"));
            assertThat(at).isPositive();
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(at);
            }
            byte[] cut = Files.readAllBytes(file);
            // Before, a node refused to start: "the log is damaged (cut short or overwritten)".
            assertThat(openInAChildJvm(log)).as(entries + " entries").isEqualTo("opened");
            assertThat(names(log)).as(entries + " entries").containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, 20).mapToObj(i -> "entry" + i + "x").toList());
            Path aside = damagedBeside(log);
            // The damaged one as it was (Chronicle maps the file whole again: zeros past the cut).
            assertThat(java.util.Arrays.copyOf(Files.readAllBytes(aside.resolve(name)), cut.length)).isEqualTo(cut);
        }
    }

    /** A cut in an earlier day's file: that day up to the cut, and the days after it whole. */
    @Test
    void aCutInAnEarlierDaysFileKeepsTheDaysAfterIt() throws IOException {
        Path log = dir.resolve("days");
        net.openhft.chronicle.core.time.SetTimeProvider time =
                new net.openhft.chronicle.core.time.SetTimeProvider(java.time.Instant.parse("2026-11-30T12:00:00Z"));
        try (EventLog writing = LogOnDays.open(log, time)) {
            for (int i = 0; i < 40; i++) {
                writing.append(seen("entry" + i + "x")).block(TIMEOUT);
            }
            time.advanceMillis(Duration.ofDays(1).toMillis());
            for (int i = 40; i < 50; i++) {
                writing.append(seen("entry" + i + "x")).block(TIMEOUT);
            }
        }
        Path first;
        try (Stream<Path> files = Files.list(log)) {
            first = files.filter(p -> p.toString().endsWith(".cq4")).sorted().findFirst().orElseThrow();
        }
        String text = new String(Files.readAllBytes(first), StandardCharsets.ISO_8859_1);
        int at = text.lastIndexOf(":)\n", text.indexOf("entry20x"));
        assertThat(at).isPositive();
        try (RandomAccessFile raf = new RandomAccessFile(first.toFile(), "rw")) {
            raf.setLength(at);
        }
        assertThat(openInAChildJvm(log)).isEqualTo("opened");
        assertThat(names(log)).containsExactlyElementsOf(java.util.stream.IntStream.concat(
                java.util.stream.IntStream.range(0, 20), java.util.stream.IntStream.range(40, 50)).mapToObj(i -> "entry" + i + "x").toList());
        damagedBeside(log);
    }

    /** The names of the users the log's entries saw, in log order. */
    private static List<String> names(Path log) {
        List<String> names = new ArrayList<>();
        try (EventLog read = EventLog.open(log)) {
            read.replay(l -> names.add(((Event.PeerSeen) l.event()).name()));
        }
        return names;
    }

    private static Path damagedBeside(Path log) throws IOException {
        try (Stream<Path> files = Files.list(log.getParent())) {
            return files.filter(p -> p.getFileName().toString().startsWith(log.getFileName() + ".damaged-")).findFirst().orElseThrow();
        }
    }

    @Test
    void aDamagedTableOfTheQueueSaysWhatToDoAndMovingItAwayLosesNothing() throws IOException {
        Path log = dir.resolve("log");
        try (EventLog writing = EventLog.open(log)) {
            for (int i = 0; i < 30; i++) {
                writing.append(seen("entry" + i)).block(TIMEOUT);
            }
        }
        Path metadata = log.resolve(EventLog.METADATA_FILE);
        byte[] garbage = new byte[1000];
        new java.util.Random(1).nextBytes(garbage);
        try (RandomAccessFile raf = new RandomAccessFile(metadata.toFile(), "rw")) {
            raf.write(garbage);
        }
        assertThat(openInAChildJvm(log)).startsWith("refused: cannot open the log in " + log + " (left as it is): ")
                .endsWith("if metadata.cq4t is damaged, moving it away lets it be made again from the log's day files, with nothing lost");
        Files.move(metadata, log.resolve("metadata.cq4t.damaged"));
        assertThat(openInAChildJvm(log)).isEqualTo("opened");
        try (Store store = Store.open(log)) {
            assertThat(store.membership().user(Fixtures.BOB)).hasValueSatisfying(u -> assertThat(u.name()).isEqualTo("entry29"));
        }
    }

    /** As a node opens it, without {@code -ea}. */
    private static String openInAChildJvm(Path log) throws IOException {
        Process child = new ProcessBuilder(peerchat.store.ChildJvm.command(OpenStoreChild.class, log.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return out.lines().filter(l -> l.startsWith("opened") || l.startsWith("refused")).findFirst().orElse(out);
    }

    private static Path queueFile(Path log) throws IOException {
        try (Stream<Path> files = Files.list(log)) {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    /** Overwrites the Smile body holding {@code marker} (from its ":)" header up to the marker) with 0xFF. */
    private void overwriteBodyOf(String marker) throws IOException {
        Path file;
        try (Stream<Path> files = Files.list(dir)) {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(marker);
        int header = text.lastIndexOf(":)\n", at);
        assertThat(at).isPositive();
        assertThat(header).isPositive();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(header);
            for (int i = header; i < at + marker.length(); i++) {
                raf.write(0xFF);
            }
        }
    }

    private long countDocuments() {
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).build();
             net.openhft.chronicle.queue.ExcerptTailer tailer = queue.createTailer()) {
            long n = 0;
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return n;
                    }
                    n++;
                }
            }
        }
    }
}

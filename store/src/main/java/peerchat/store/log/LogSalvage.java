package peerchat.store.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A log Chronicle cannot read to the end it finds (cut short or overwritten: a power cut before the
 * kernel wrote its pages back, a disk error) is made again from what can be read: the readable
 * entries, in order, into a new log beside it, which then takes its place; the damaged one is kept
 * beside it, as it was. Before, the node did not start and advised starting as a new identity
 * (QA, stop 30: 945 bytes cut off the end, or 16 zero bytes in an entry's header, of a log of
 * 3,531 messages). What the lost part held the peers still have; the node numbers on after it as
 * they link (engine: {@code Messenger.aheadOfLog}).
 */
final class LogSalvage {
    private static final Logger LOG = LoggerFactory.getLogger(LogSalvage.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** What was done: how many entries were kept, and where the damaged log went. */
    record Salvaged(long kept, Path damaged) {
    }

    private LogSalvage() {
    }

    /**
     * Copies the readable entries of the queue in {@code dir} (opened as {@code damaged}, closed
     * here) into a new one that takes its place; the damaged one is moved to
     * {@code <dir>.damaged-<UTC time>}.
     */
    static Salvaged salvage(Path dir, SingleChronicleQueue damaged, TimeProvider days) {
        Path fresh = dir.resolveSibling(dir.getFileName() + ".salvaging");
        Path aside = dir.resolveSibling(dir.getFileName() + ".damaged-" + STAMP.format(Instant.now()));
        long kept = 0;
        try {
            deleteIfThere(fresh);
            try (SingleChronicleQueue out = SingleChronicleQueueBuilder.binary(fresh).timeProvider(days).build();
                    ExcerptAppender appender = out.createAppender();
                    ExcerptTailer tailer = damaged.createTailer()) {
                // Day by day: a tailer stops at the damage, and the days after it are whole.
                for (long cycle : damaged.listCyclesBetween(damaged.firstCycle(), damaged.lastCycle())) {
                    if (tailer.moveToCycle((int) cycle)) {
                        kept += copyCycle(tailer, (int) cycle, damaged, appender);
                    }
                }
            } finally {
                damaged.close();
            }
            Files.move(dir, aside);
            Files.move(fresh, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the damaged log in " + dir + " again from what it holds: " + e, e);
        }
        LOG.warn("the log in {} was damaged (cut short or overwritten): made again from the {} entries it could give; the"
                + " damaged one is kept in {}", dir, kept, aside);
        return new Salvaged(kept, aside);
    }

    private static long copyCycle(ExcerptTailer tailer, int cycle, SingleChronicleQueue from, ExcerptAppender to) {
        long copied = 0;
        while (true) {
            try (DocumentContext in = tailer.readingDocument()) {
                if (!in.isPresent() || from.rollCycle().toCycle(in.index()) != cycle) {
                    return copied;
                }
                Bytes<?> bytes = in.wire().bytes();
                try (DocumentContext copy = to.writingDocument()) {
                    copy.wire().bytes().write(bytes, bytes.readPosition(), bytes.readRemaining());
                }
                copied++;
            }
        }
    }

    private static void deleteIfThere(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

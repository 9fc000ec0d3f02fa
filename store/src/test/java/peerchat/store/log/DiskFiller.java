package peerchat.store.log;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import peerchat.store.Fixtures;
import peerchat.store.event.Event;
import reactor.core.publisher.Mono;

/**
 * The child JVM of {@link FullDiskTest}, run on a small tmpfs of its own: fills it with log
 * entries and reports, one line each, what the log did. {@code DIR}: the tmpfs; the log goes in
 * {@code DIR/log}, and a 4 MB ballast file, deleted once the disk is full, in {@code DIR/ballast}.
 */
public final class DiskFiller {
    private static final String REASON = "x".repeat(2000);

    private DiskFiller() {
    }

    static Event entry(long seq) {
        return new Event.MessageDropped(Fixtures.BOB, seq, REASON, seq);
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
        Path dir = Path.of(args[0]);
        Path ballast = dir.resolve("ballast");
        Files.write(ballast, new byte[4 << 20]);
        long seq = 0;
        try (EventLog log = EventLog.open(dir.resolve("log"))) {
            seq = fill(log, seq, Long.MAX_VALUE);
            out.println("FULL " + seq);
            long last = log.lastIndex();
            long next = seq + 1;
            int refused = 0;
            for (int i = 0; i < 3; i++) {
                refused += refuses(() -> log.append(entry(next)).block()) ? 1 : 0;
            }
            // What a node asks before its causal core takes a message.
            refused += refuses(() -> Mono.fromRunnable(log::checkRoom).subscribeOn(log.scheduler()).block()) ? 1 : 0;
            out.println("REFUSED " + refused + (log.lastIndex() == last ? " nothing-written" : " written-anyway"));
            Files.delete(ballast);
            long before = seq;
            seq = fill(log, seq, seq + 100);
            out.println("AFTER " + (seq - before));
        }
        List<Long> seqs = new ArrayList<>();
        try (EventLog log = EventLog.open(dir.resolve("log"))) {
            log.replay(l -> seqs.add(((Event.MessageDropped) l.event()).linkSeq()));
        }
        boolean inOrder = true;
        for (int i = 0; i < seqs.size(); i++) {
            inOrder &= seqs.get(i) == i + 1;
        }
        out.println("REPLAYED " + seqs.size() + " " + (inOrder ? "in-order" : "out-of-order"));
    }

    private static boolean refuses(Runnable append) {
        try {
            append.run();
            return false;
        } catch (LogFullException e) {
            return true;
        }
    }

    /** Appends entries after {@code seq} until the log is full or {@code upTo}; returns the last seq appended. */
    private static long fill(EventLog log, long seq, long upTo) {
        while (seq < upTo) {
            try {
                log.append(entry(seq + 1)).block();
            } catch (LogFullException e) {
                return seq;
            }
            seq++;
        }
        return seq;
    }
}

package peerchat.store.log;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import peerchat.store.event.Event;
import peerchat.store.event.EventCodec;
import peerchat.store.event.EventType;
import peerchat.store.Fixtures;

/**
 * The child JVM of {@link CrashSafetyTest}, killed with SIGKILL by its parent. Modes:
 * {@code loop DIR}: appends forever, printing "index seq" for each append that returned;
 * {@code torn DIR}: appends three entries, then starts a fourth, writes half of it and prints "torn".
 */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    static Event event(long seq) {
        return new Event.PeerAcked(Fixtures.BOB, seq, seq);
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
        Path dir = Path.of(args[1]);
        if (args[0].equals("loop")) {
            EventLog log = EventLog.open(dir);
            for (long seq = 1; ; seq += 10) {
                List<Event> batch = new ArrayList<>();
                for (long s = seq; s < seq + 10; s++) {
                    batch.add(event(s));
                }
                List<Long> indexes = log.appendAll(batch).block();
                for (int i = 0; i < indexes.size(); i++) {
                    out.println(indexes.get(i) + " " + (seq + i));
                }
                out.flush();
            }
        }
        try (EventLog log = EventLog.open(dir)) {
            for (long seq = 1; seq <= 3; seq++) {
                log.append(event(seq)).block();
            }
        }
        ChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).build();
        ExcerptAppender appender = queue.createAppender();
        byte[] body = new EventCodec().encode(event(4));
        DocumentContext dc = appender.writingDocument();
        dc.wire().bytes().writeInt(EventCodec.SCHEMA_VERSION).writeByte((byte) EventType.PEER_ACKED.tag())
                .write(body, 0, body.length / 2);
        out.println("torn");
        out.flush();
        // Hold the half-written entry open until the parent kills this process.
        new java.util.concurrent.CountDownLatch(1).await();
    }
}

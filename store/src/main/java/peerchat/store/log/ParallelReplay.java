package peerchat.store.log;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.store.event.EventCodec;
import peerchat.store.event.UnreadableEventException;

/**
 * A whole-log replay that decodes on every core: the calling thread copies entries out of the
 * queue in chunks (cheap), decoder threads turn chunks into events (Jackson: most of the cost), and
 * the calling thread hands them to the consumer strictly in log order. With one core it reads and
 * decodes on the calling thread alone.
 */
final class ParallelReplay {
    private static final Logger LOG = LoggerFactory.getLogger(LogReader.class);
    private static final int CHUNK = 1024;

    private final ChronicleQueue queue;
    private final EventCodec codec;
    private final boolean summaries;
    private final int decoders;

    ParallelReplay(ChronicleQueue queue, EventCodec codec, boolean summaries) {
        this.queue = queue;
        this.codec = codec;
        this.summaries = summaries;
        this.decoders = Runtime.getRuntime().availableProcessors();
    }

    /** Entries copied out of the queue, not yet decoded. */
    private static final class Chunk {
        final long[] index = new long[CHUNK];
        final int[] header = new int[CHUNK];
        final byte[][] body = new byte[CHUNK][];
        int size;
    }

    long run(Consumer<Logged> consumer) {
        if (decoders < 2) {
            return sequential(consumer);
        }
        ExecutorService pool = Executors.newFixedThreadPool(decoders, r -> {
            Thread t = new Thread(r, "peerchat-replay-decoder");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<CompletableFuture<Logged[]>> inFlight = new ArrayDeque<>();
        long count = 0;
        try (ExcerptTailer tailer = queue.createTailer()) {
            Chunk chunk = new Chunk();
            while (fill(tailer, chunk)) {
                Chunk full = chunk;
                inFlight.add(CompletableFuture.supplyAsync(() -> decode(full), pool));
                chunk = new Chunk();
                if (inFlight.size() > decoders * 2) {
                    count += deliver(inFlight.poll().join(), consumer);
                }
            }
            if (chunk.size > 0) {
                Chunk last = chunk;
                inFlight.add(CompletableFuture.supplyAsync(() -> decode(last), pool));
            }
            while (!inFlight.isEmpty()) {
                count += deliver(inFlight.poll().join(), consumer);
            }
        } finally {
            pool.shutdownNow();
        }
        return count;
    }

    private long sequential(Consumer<Logged> consumer) {
        long count = 0;
        try (LogReader reader = new LogReader(queue, codec, summaries)) {
            for (Logged logged = reader.next(); logged != null; logged = reader.next()) {
                consumer.accept(logged);
                count++;
            }
        }
        return count;
    }

    /** Copies up to a chunk of entries; false when the log had none left. */
    private boolean fill(ExcerptTailer tailer, Chunk chunk) {
        while (chunk.size < CHUNK) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                Bytes<?> in = dc.wire().bytes();
                try {
                    int header = EntryFormat.readHeader(in);
                    byte[] body = new byte[(int) in.readRemaining()];
                    in.read(body);
                    chunk.index[chunk.size] = dc.index();
                    chunk.header[chunk.size] = header;
                    chunk.body[chunk.size] = body;
                    chunk.size++;
                } catch (UnreadableEventException e) {
                    LOG.warn("log entry {} skipped: {}", dc.index(), e.getMessage());
                }
            }
        }
        return chunk.size == CHUNK;
    }

    private Logged[] decode(Chunk chunk) {
        Logged[] events = new Logged[chunk.size];
        for (int i = 0; i < chunk.size; i++) {
            try {
                byte[] body = chunk.body[i];
                events[i] = new Logged(chunk.index[i], EntryFormat.decode(codec, summaries, chunk.header[i], body, body.length));
            } catch (UnreadableEventException e) {
                LOG.warn("log entry {} skipped: {}", chunk.index[i], e.getMessage());
            }
        }
        return events;
    }

    private static long deliver(Logged[] events, Consumer<Logged> consumer) {
        long count = 0;
        for (Logged logged : events) {
            if (logged != null) {
                consumer.accept(logged);
                count++;
            }
        }
        return count;
    }
}

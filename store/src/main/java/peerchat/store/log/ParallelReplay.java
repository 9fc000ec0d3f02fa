package peerchat.store.log;

import java.util.ArrayDeque;
import java.util.Locale;
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
    /** The last entry the replay came to, readable or not. */
    private long lastSeen = -1;

    ParallelReplay(ChronicleQueue queue, EventCodec codec, boolean summaries) {
        this.queue = queue;
        this.codec = codec;
        this.summaries = summaries;
        this.decoders = Runtime.getRuntime().availableProcessors();
    }

    /** Entries copied out of the queue into one reused slab, not yet decoded. */
    private static final class Chunk {
        final long[] index = new long[CHUNK];
        final int[] header = new int[CHUNK];
        final int[] offset = new int[CHUNK];
        final int[] length = new int[CHUNK];
        byte[] slab = new byte[CHUNK * 1024];
        int size;
        int used;
        Logged[] decoded;

        void add(long entryIndex, int entryHeader, Bytes<?> body) {
            int n = (int) body.readRemaining();
            if (used + n > slab.length) {
                slab = java.util.Arrays.copyOf(slab, Math.max(slab.length * 2, used + n));
            }
            body.read(slab, used, n);
            index[size] = entryIndex;
            header[size] = entryHeader;
            offset[size] = used;
            length[size] = n;
            used += n;
            size++;
        }

        Chunk reset() {
            size = 0;
            used = 0;
            decoded = null;
            return this;
        }
    }

    /** Hands every readable entry to {@code consumer}, in log order; returns their count. */
    long run(Consumer<Logged> consumer) {
        return decoders < 2 ? sequential(consumer) : parallel(consumer);
    }

    /**
     * After {@link #run} of a log nobody appended to meanwhile: refuses one whose end, as the queue
     * finds it, is not where the replay came to, one cut short or overwritten in the middle (the
     * queue then says it ends further on, or, unable to find its end, at its start). Appends would
     * go where no later replay reaches, and be lost at the next start, and the node would take
     * again ids it had used.
     */
    void requireReadToTheEnd() {
        long end = queue.lastIndex();
        if (end != lastSeen) {
            throw new DamagedLogException(String.format(Locale.ROOT, "the log is damaged (cut short or overwritten): it can be"
                    + " read up to entry %x, but the queue finds its end at %x. It is left as it is. To start afresh, move the"
                    + " data directory away (the node starts as a new identity: the old one's numbering went with the lost part)",
                    lastSeen, end));
        }
    }

    private long parallel(Consumer<Logged> consumer) {
        ExecutorService pool = Executors.newFixedThreadPool(decoders, r -> {
            Thread t = new Thread(r, "peerchat-replay-decoder");
            t.setDaemon(true);
            return t;
        });
        // Chunks are reused once delivered: the bodies are copied once, into slabs, not into an array each.
        ArrayDeque<CompletableFuture<Chunk>> inFlight = new ArrayDeque<>();
        ArrayDeque<Chunk> free = new ArrayDeque<>();
        long count = 0;
        try (ExcerptTailer tailer = queue.createTailer()) {
            boolean more = true;
            while (more) {
                Chunk chunk = free.isEmpty() ? new Chunk() : free.poll().reset();
                more = fill(tailer, chunk);
                if (chunk.size > 0) {
                    inFlight.add(CompletableFuture.supplyAsync(() -> decode(chunk), pool));
                }
                if (inFlight.size() > decoders * 2 || !more) {
                    while (!inFlight.isEmpty() && (inFlight.size() > decoders * 2 || !more)) {
                        Chunk done = inFlight.poll().join();
                        count += deliver(done.decoded, consumer);
                        free.add(done);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return count;
    }

    private long sequential(Consumer<Logged> consumer) {
        long count = 0;
        Chunk chunk = new Chunk();
        try (ExcerptTailer tailer = queue.createTailer()) {
            boolean more = true;
            while (more) {
                more = fill(tailer, chunk.reset());
                count += deliver(decode(chunk).decoded, consumer);
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
                lastSeen = dc.index();
                Bytes<?> in = dc.wire().bytes();
                try {
                    chunk.add(dc.index(), EntryFormat.readHeader(in), in);
                } catch (UnreadableEventException e) {
                    LOG.warn("log entry {} skipped: {}", dc.index(), e.getMessage());
                }
            }
        }
        return chunk.size == CHUNK;
    }

    private Chunk decode(Chunk chunk) {
        Logged[] events = new Logged[chunk.size];
        for (int i = 0; i < chunk.size; i++) {
            try {
                events[i] = new Logged(chunk.index[i],
                        EntryFormat.decode(codec, summaries, chunk.header[i], chunk.slab, chunk.offset[i], chunk.length[i]));
            } catch (UnreadableEventException e) {
                LOG.warn("log entry {} skipped: {}", chunk.index[i], e.getMessage());
            }
        }
        chunk.decoded = events;
        return chunk;
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

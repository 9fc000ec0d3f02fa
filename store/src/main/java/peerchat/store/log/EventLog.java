package peerchat.store.log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import peerchat.store.event.Event;
import peerchat.store.event.EventCodec;
import peerchat.store.event.EventType;

/**
 * The append-only log of one node on a Chronicle Queue in one directory: the node's only durable
 * state.
 *
 * <p>Threads: appends may be called from any thread; they are encoded on the caller's thread and
 * written, in call order, by the log's single writer thread, which owns the Chronicle appender.
 * Work run on that thread through {@link #scheduler()} appends without a hop: its appends are
 * written at once, before the call returns (the node keeps its state there for that reason).
 * {@link #appended()} emits on that writer thread, after the write and before the append's
 * {@code Mono} completes, so a subscriber that must keep up synchronously (the projections) sees
 * every entry in log order; anyone else should {@code publishOn} a scheduler of their own.
 *
 * <p>Durability: an append completes once its bytes are in the memory-mapped queue file. That
 * survives the death of the process (SIGKILL included: the pages belong to the kernel), but not a
 * power cut or kernel crash before the kernel writes the pages back (seconds); a chat accepts that
 * rather than an fsync per message. An entry torn by a crash mid-write is never reported as
 * appended, and readers skip it.
 */
public final class EventLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
    private final SingleChronicleQueue queue;
    private final EventCodec codec;
    private final ScheduledExecutorService writer;
    /** Whether the writer thread is the log's own (stopped by closing) or lent by the caller (left running). */
    private final boolean ownsWriter;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Set by the closing (on the writer thread, unless that is gone already). */
    private volatile boolean closed;
    private final Scheduler scheduler;
    private volatile Thread writerThread;
    private final Sinks.Many<Logged> appended = Sinks.many().multicast().directBestEffort();
    private final AtomicLong lastIndex = new AtomicLong(-1);
    private ExcerptAppender appender; // writer thread only
    /** Set before this log's first append is written. */
    private volatile boolean appendedSinceOpen;
    private final LogRoom room; // writer thread only

    private EventLog(SingleChronicleQueue queue, EventCodec codec, ScheduledExecutorService given) {
        this.queue = queue;
        this.codec = codec;
        if (given == null) {
            ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "peerchat-log-writer " + queue.file().getName());
                t.setDaemon(true);
                writerThread = t;
                return t;
            });
            // Closing finishes the appends queued, not timers set for later (a node's timeouts).
            own.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            own.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
            own.setRemoveOnCancelPolicy(true);
            this.writer = own;
            this.ownsWriter = true;
        } else {
            this.writer = given;
            this.ownsWriter = false;
            try {
                writerThread = given.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while meeting the log's writer thread", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the log's writer thread did not answer: " + e, e);
            }
        }
        this.scheduler = Schedulers.fromExecutorService(writer, "peerchat-log-writer");
        this.room = new LogRoom(queue.file().toPath());
        lastIndex.set(queue.lastIndex());
    }

    /** Opens (creating if needed) the log in {@code dir}. */
    public static EventLog open(Path dir) {
        return open(dir, new EventCodec());
    }

    /**
     * @throws IllegalArgumentException if {@code dir} is a file
     * @throws IllegalStateException if the queue there cannot be opened (a queue file's own header
     *         is damaged, ...); nothing is changed on disk
     */
    public static EventLog open(Path dir, EventCodec codec) {
        return open(dir, codec, null);
    }

    /**
     * Opens the log with {@code writer} (a single-threaded executor the caller owns, not called
     * from its own thread) as the writer thread: work of the caller's that already runs there (a
     * node's network, say) appends without a hop. Closing the log leaves it running; {@code null}:
     * a writer thread of the log's own.
     */
    public static EventLog open(Path dir, EventCodec codec, ScheduledExecutorService writer) {
        return open(dir, codec, writer, SystemTimeProvider.INSTANCE);
    }

    /**
     * As above, with the clock that decides the day of each entry: a queue file per UTC day
     * (Chronicle's daily roll). Tests pass a set clock to span days.
     */
    static EventLog open(Path dir, EventCodec codec, ScheduledExecutorService writer, TimeProvider days) {
        if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the log's directory is a file: " + dir);
        }
        SingleChronicleQueue queue = null;
        try {
            queue = build(dir, days);
            return new EventLog(queue, codec, writer);
        } catch (Exception e) { // Chronicle also throws checked exceptions undeclared (StreamCorruptedException)
            if (queue != null) {
                queue.close();
            }
            // Chronicle's table of the queue's files, made again from the day files when missing:
            // damaged, Chronicle says it cannot lock it, as if someone else held it.
            String remedy = String.valueOf(e.getMessage()).contains(METADATA_FILE) ? "; if " + METADATA_FILE + " is damaged,"
                    + " moving it away lets it be made again from the log's day files, with nothing lost" : "";
            throw new IllegalStateException("cannot open the log in " + dir + " (left as it is): " + e + remedy, e);
        }
    }

    private static SingleChronicleQueue build(Path dir, TimeProvider days) {
        return SingleChronicleQueueBuilder.binary(dir)
                // Wait at most this long for the write lock a dead process may have left behind.
                .timeoutMS(2_000)
                .timeProvider(days)
                .build();
    }

    /**
     * Makes the log in {@code dir}, which a replay found damaged ({@link DamagedLogException}: cut
     * short or overwritten), again from the entries it can give, keeping the damaged one beside it
     * (see {@code LogSalvage}). Not while it is open. Returns what was done, in words for its user.
     */
    public static String salvage(Path dir) {
        TimeProvider days = SystemTimeProvider.INSTANCE;
        LogSalvage.Salvaged s = LogSalvage.salvage(dir, build(dir, days), days);
        return "the log was damaged (cut short or overwritten): it was made again from the " + s.kept()
                + " entries it could give, and the damaged one is kept in " + s.damaged();
    }

    /** The file Chronicle keeps its table of the queue in, beside the day files. */
    static final String METADATA_FILE = "metadata.cq4t";

    /**
     * Appends {@code event}. The write is queued at once (not on subscription); the {@code Mono}
     * only reports its index once the entry is in the log, or the error that prevented it.
     */
    public Mono<Long> append(Event event) {
        return appendAll(List.of(event)).map(indexes -> indexes.get(0));
    }

    /** Appends several events in one go on the writer thread (cheaper than one by one). */
    public Mono<List<Long>> appendAll(List<? extends Event> events) {
        if (onWriterThread()) {
            // Already in line: written now, so the Mono is complete when returned.
            try {
                return Mono.just(appendNow(events));
            } catch (RuntimeException e) {
                return Mono.error(e);
            }
        }
        Encoded encoded = new Encoded(events, codec);
        CompletableFuture<List<Long>> done = new CompletableFuture<>();
        try {
            writer.execute(() -> {
                try {
                    done.complete(write(encoded));
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            return Mono.error(new IllegalStateException("the log is closed", e));
        }
        return Mono.fromFuture(done, true);
    }

    /**
     * Appends from the writer thread itself, written before it returns: their indexes, or the
     * failure thrown (the entries before the failing one are written). The node's own thread is
     * the writer, and this spares it a {@code Mono} for every message.
     *
     * @throws IllegalStateException off the writer thread
     */
    public List<Long> appendNow(List<? extends Event> events) {
        requireWriterThread("appendNow");
        return write(new Encoded(events, codec));
    }

    /**
     * Throws {@link LogFullException} unless appends of up to {@link #ROOM_CHECKED} bytes fit on
     * the disk now (they are then sure to, the room being allocated ahead): for work that must not
     * start unless its entries can be written, such as a message the causal core is about to take.
     * Writer thread only.
     */
    public void checkRoom() {
        requireWriterThread("checkRoom");
        room.ensure(ROOM_CHECKED, rollsNext());
    }

    /** What {@link #checkRoom()} makes sure of: a message's entries (4000 characters and their metadata) many times over. */
    public static final long ROOM_CHECKED = 256 << 10;

    private void requireWriterThread(String what) {
        if (!onWriterThread()) {
            throw new IllegalStateException(what + " called on " + Thread.currentThread().getName() + ", not the log's writer thread");
        }
    }

    /** Whether the next append starts a file (the first since opening, or a new roll cycle's). */
    private boolean rollsNext() {
        return appender == null || appender.cycle() != queue.cycle();
    }

    /** Events with their tags and bodies, encoded on the caller's thread. */
    private record Encoded(List<Event> events, int[] tags, byte[][] bodies) {
        Encoded(List<? extends Event> events, EventCodec codec) {
            this(List.copyOf(events), new int[events.size()], new byte[events.size()][]);
            for (int i = 0; i < this.events.size(); i++) {
                Event event = this.events.get(i);
                tags[i] = EventType.of(event).tag();
                bodies[i] = codec.encode(event);
            }
        }

        /** About what the entries take in the queue file, headers included. */
        long bytes() {
            long n = 0;
            for (byte[] b : bodies) {
                n += b.length + EntryFormat.HEADER_BYTES + 8;
            }
            return n;
        }
    }

    /**
     * Whether the log has been closed. On the writer thread this is final: a timer that fires
     * there after the close (an ack to log, say) finds it closed rather than failing to write.
     */
    public boolean isClosed() {
        return closed;
    }

    /** Whether the caller is the writer thread (work there needs no hop onto {@link #scheduler()}). */
    public boolean onWriterThread() {
        return Thread.currentThread() == writerThread;
    }

    /**
     * The writer thread as a scheduler, delays included. What runs on it is in line with the
     * appends, and its own appends complete before they return. Owned by the log: never dispose
     * it; closing the log stops it.
     */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * On the writer thread. A failure is thrown; the entries before the failing one are written
     * (and were published). On a full disk none is: {@link LogFullException}.
     */
    private List<Long> write(Encoded e) {
        if (closed) {
            throw new IllegalStateException("the log is closed");
        }
        room.ensure(e.bytes(), rollsNext());
        if (appender == null) {
            appendedSinceOpen = true;
            appender = queue.createAppender();
        }
        Long[] indexes = new Long[e.events.size()];
        for (int i = 0; i < indexes.length; i++) {
            try (DocumentContext dc = appender.writingDocument()) {
                EntryFormat.write(dc.wire().bytes(), e.tags[i], e.bodies[i]);
            }
            // After the close: Chronicle writes nothing past an entry until the next one begins.
            room.wrote(appender.currentFile(), appender.wire().bytes().writePosition());
            long index = appender.lastIndexAppended();
            indexes[i] = index;
            lastIndex.set(index);
            publish(new Logged(index, e.events.get(i)));
        }
        return Arrays.asList(indexes);
    }

    private void publish(Logged logged) {
        try {
            appended.emitNext(logged, Sinks.EmitFailureHandler.FAIL_FAST);
        } catch (RuntimeException e) {
            // A subscriber's failure must not leave the append unanswered or stop the writer.
            LOG.error("publishing log entry {} failed", logged.index(), e);
        }
    }

    /**
     * Reads the whole log, in order, handing each readable entry to {@code consumer} on the calling
     * thread: the fast path for startup (entries are decoded on every core). Returns the count.
     */
    public long replay(Consumer<Logged> consumer) {
        return replay(consumer, false);
    }

    /**
     * Like {@link #replay(Consumer)}, but messages come without their causal metadata (see
     * {@link EventCodec#decodeSummary}): the fast path for rebuilding projections.
     */
    public long replaySummaries(Consumer<Logged> consumer) {
        return replay(consumer, true);
    }

    private long replay(Consumer<Logged> consumer, boolean summaries) {
        ParallelReplay replay = new ParallelReplay(queue, codec, summaries);
        long count = replay.run(consumer);
        // Before this log's first append, nothing moved its end during the replay: where the
        // replay stopped must be it (a node replays its log so, at start, to rebuild its state).
        if (!appendedSinceOpen) {
            replay.requireReadToTheEnd();
        }
        return count;
    }

    /** The log from its start to its end at the time of reading, then completes. */
    public Flux<Logged> replay() {
        return readAfter(-1);
    }

    /**
     * Every entry after {@code fromIndexExclusive} (-1: from the start), then every entry appended
     * later, live, without gap or duplicate. Never completes until the log closes.
     */
    public Flux<Logged> tail(long fromIndexExclusive) {
        return Flux.defer(() -> {
            // Subscribe to the live entries first, then read the log: an entry appended in between
            // is seen by both, and the index filter drops the second copy.
            Sinks.Many<Logged> live = Sinks.many().unicast().onBackpressureBuffer();
            var subscription = appended.asFlux().subscribe(live::tryEmitNext, live::tryEmitError, live::tryEmitComplete);
            AtomicLong last = new AtomicLong(fromIndexExclusive);
            return readAfter(fromIndexExclusive)
                    .concatWith(live.asFlux())
                    .filter(logged -> {
                        if (logged.index() <= last.get()) {
                            return false;
                        }
                        last.set(logged.index());
                        return true;
                    })
                    .doFinally(signal -> subscription.dispose());
        });
    }

    /**
     * Entries as they are appended from now on (hot; emitted on the writer thread). Each
     * subscriber gets its own unbounded buffer, so a slow one loses nothing and slows no one.
     */
    public Flux<Logged> appended() {
        return appended.asFlux().onBackpressureBuffer();
    }

    /** The event at {@code index}; empty if there is none or it cannot be read. */
    public Optional<Event> read(long index) {
        try (LogReader reader = reader()) {
            return reader.read(index);
        }
    }

    /** A reader for many reads in a row (close it). */
    public LogReader reader() {
        return new LogReader(queue, codec, false);
    }

    /**
     * A reader whose messages come without their causal metadata (see
     * {@link EventCodec#decodeSummary}): cheaper, for reading message text and headers.
     */
    public LogReader summaryReader() {
        return new LogReader(queue, codec, true);
    }

    /** Index of the last entry written, -1 for an empty log. */
    public long lastIndex() {
        return lastIndex.get();
    }

    public Path directory() {
        return queue.file().toPath();
    }

    private Flux<Logged> readAfter(long fromIndexExclusive) {
        return Flux.generate(
                () -> reader().after(fromIndexExclusive),
                (reader, sink) -> {
                    Logged next = reader.next();
                    if (next == null) {
                        sink.complete();
                    } else {
                        sink.next(next);
                    }
                    return reader;
                },
                LogReader::close);
    }

    /** Finishes the appends already queued, then closes the queue. Idempotent. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        boolean fromWriter = onWriterThread();
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            writer.execute(() -> {
                closed = true;
                room.close();
                if (appender != null) {
                    appender.close();
                }
                appended.emitComplete(Sinks.EmitFailureHandler.FAIL_FAST);
                if (fromWriter || !ownsWriter) {
                    queue.close();
                }
                done.complete(null);
            });
        } catch (RejectedExecutionException writerGone) {
            closed = true;
            queue.close();
            return;
        }
        if (ownsWriter) {
            writer.shutdown();
        }
        if (fromWriter) {
            return; // closed from its own thread: the task above finishes the job once this one ends
        }
        try {
            if (ownsWriter) {
                if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                    writer.shutdownNow();
                }
                queue.close();
            } else {
                done.get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the log's writer thread did not close it within 10 s: {}", e.toString());
        }
    }
}

package peerchat.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import peerchat.store.event.Event;
import peerchat.store.event.EventCodec;
import peerchat.store.log.DamagedLogException;
import peerchat.store.log.EventLog;
import peerchat.store.log.Logged;
import peerchat.store.projection.History;
import peerchat.store.projection.Ignored;
import peerchat.store.projection.Links;
import peerchat.store.projection.Membership;
import peerchat.store.projection.Projections;

/**
 * A node's store: its event log in one directory and the projections rebuilt from it. Opening
 * replays the log into the projections; from then on every append goes through here and updates
 * them in log order.
 *
 * <p>Threads: append from any thread (in call order). When an append's {@code Mono} completes, the
 * projections already include the event. {@link #events()} emits on the log's writer thread after
 * the projections were updated; subscribers that do real work should {@code publishOn} their own
 * scheduler. Queries are safe from any thread.
 */
public final class Store implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);

    private final EventLog log;
    private final Projections projections;
    private final Disposable live;

    private Store(EventLog log, Consumer<Logged> replayListener) {
        this.log = log;
        this.projections = new Projections(log);
        long started = System.nanoTime();
        long count = replayListener == null
                ? log.replaySummaries(projections::apply)
                : log.replay(logged -> {
                    projections.apply(logged);
                    replayListener.accept(logged);
                });
        projections.replayed();
        LOG.debug("replayed {} entries from {} in {} ms", count, log.directory(), (System.nanoTime() - started) / 1_000_000);
        // Subscribed before anyone else can subscribe to the log, so projections see each entry first.
        this.live = log.appended().subscribe(projections::apply,
                e -> LOG.error("projections stopped following the log", e));
    }

    /**
     * Opens the store in {@code dir} (created if missing) and replays its log.
     *
     * @throws IllegalArgumentException if {@code dir} cannot hold a log (it is a file, ...)
     * @throws IllegalStateException if the queue's files are damaged beyond skipping entries (a
     *         queue file's own header); nothing is changed on disk
     */
    public static Store open(Path dir) {
        return open(dir, null);
    }

    /**
     * Opens the store in {@code dir} and, in the same single pass over the log that rebuilds the
     * projections, hands every entry (complete, causal metadata included) to
     * {@code replayListener} on the calling thread: how the engine rebuilds its causal state
     * without reading the log twice. Appends made after this returns are not replayed to it.
     */
    public static Store open(Path dir, Consumer<Logged> replayListener) {
        return open(dir, replayListener, null);
    }

    /**
     * As {@link #open(Path, Consumer)}, with {@code writer} as the log's writer thread (see
     * {@link EventLog#open(Path, EventCodec, ScheduledExecutorService)}).
     */
    public static Store open(Path dir, Consumer<Logged> replayListener, ScheduledExecutorService writer) {
        return over(EventLog.open(dir, new EventCodec(), writer), replayListener);
    }

    /** The store over a log already open (tests open one with a clock of their own); closing the store closes it. */
    static Store over(EventLog log, Consumer<Logged> replayListener) {
        try {
            return new Store(log, replayListener);
        } catch (Exception e) { // Chronicle also throws checked exceptions undeclared (StreamCorruptedException)
            log.close();
            String why = e instanceof DamagedLogException ? e.getMessage() : e.toString();
            throw new IllegalStateException("cannot read the log in " + log.directory() + " (left as it is): " + why, e);
        }
    }

    public Mono<Long> append(Event event) {
        return log.append(event);
    }

    public Mono<List<Long>> appendAll(List<? extends Event> events) {
        return log.appendAll(events);
    }

    /**
     * Whether {@code e}, from {@link #open}, says the log is damaged (cut short or overwritten)
     * rather than unreadable otherwise: {@link #salvage} can make it again from what it holds.
     */
    public static boolean damaged(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DamagedLogException) {
                return true;
            }
        }
        return false;
    }

    /** See {@link EventLog#salvage}: the log in {@code dir}, found {@link #damaged}, made again from what it holds. */
    public static String salvage(Path dir) {
        return EventLog.salvage(dir);
    }

    /** Appends from the writer thread, written before it returns: see {@link EventLog#appendNow}. */
    public List<Long> appendNow(List<? extends Event> events) {
        return log.appendNow(events);
    }

    /**
     * Throws {@link peerchat.store.log.LogFullException} unless the disk has room for the entries
     * of a message: see {@link EventLog#checkRoom()}. Writer thread only.
     */
    public void checkRoom() {
        log.checkRoom();
    }

    /** The event at a log index (a history entry's, an unacked send's); empty if none or unreadable. */
    public Optional<Event> read(long index) {
        return log.read(index);
    }

    /** Entries appended from now on, hot, after the projections took them in. */
    public Flux<Logged> events() {
        return log.appended();
    }

    /** Entries after {@code fromIndexExclusive} (-1: all), then live ones, without gap or duplicate. */
    public Flux<Logged> tail(long fromIndexExclusive) {
        return log.tail(fromIndexExclusive);
    }

    public Membership membership() {
        return projections.membership();
    }

    public History history() {
        return projections.history();
    }

    public Links links() {
        return projections.links();
    }

    public Ignored ignored() {
        return projections.ignored();
    }

    /** Whether the caller is the log's writer thread. */
    public boolean onWriter() {
        return log.onWriterThread();
    }

    /** The log's writer thread as a scheduler: see {@link EventLog#scheduler()}. */
    public reactor.core.scheduler.Scheduler writer() {
        return log.scheduler();
    }

    public EventLog log() {
        return log;
    }

    @Override
    public void close() {
        log.close();
        live.dispose();
    }
}

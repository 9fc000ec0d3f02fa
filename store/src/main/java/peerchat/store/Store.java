package peerchat.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import peerchat.store.event.Event;
import peerchat.store.log.EventLog;
import peerchat.store.log.Logged;
import peerchat.store.projection.History;
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

    private Store(EventLog log) {
        this.log = log;
        this.projections = new Projections(log);
        long started = System.nanoTime();
        long count = log.replay(projections::apply);
        projections.replayed();
        LOG.debug("replayed {} entries from {} in {} ms", count, log.directory(), (System.nanoTime() - started) / 1_000_000);
        // Subscribed before anyone else can subscribe to the log, so projections see each entry first.
        this.live = log.appended().subscribe(projections::apply,
                e -> LOG.error("projections stopped following the log", e));
    }

    /** Opens the store in {@code dir} (created if missing) and replays its log. */
    public static Store open(Path dir) {
        EventLog log = EventLog.open(dir);
        try {
            return new Store(log);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    public Mono<Long> append(Event event) {
        return log.append(event);
    }

    public Mono<List<Long>> appendAll(List<? extends Event> events) {
        return log.appendAll(events);
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

    public EventLog log() {
        return log;
    }

    @Override
    public void close() {
        log.close();
        live.dispose();
    }
}

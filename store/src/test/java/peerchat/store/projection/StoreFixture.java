package peerchat.store.projection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import peerchat.store.Store;
import peerchat.store.event.Event;

/** A store in a temp dir that tests feed with "given these events". */
final class StoreFixture implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;
    private Store store;

    StoreFixture(Path dir) {
        this.dir = dir;
        this.store = Store.open(dir);
    }

    Store store() {
        return store;
    }

    long given(Event event) {
        return store.append(event).block(TIMEOUT);
    }

    List<Long> given(Event... events) {
        return store.appendAll(List.of(events)).block(TIMEOUT);
    }

    /** Closes and reopens the store: the projections come back by replay. */
    Store restart() {
        store.close();
        store = Store.open(dir);
        return store;
    }

    @Override
    public void close() {
        store.close();
    }
}

package peerchat.store.log;

import java.util.Optional;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.store.event.Event;
import peerchat.store.event.EventCodec;
import peerchat.store.event.UnreadableEventException;

/**
 * A read position in the log: sequential reads ({@link #next()}) and random ones ({@link #read}).
 * Entries that cannot be read (torn, corrupt, unknown type, newer schema) are skipped with a WARN
 * naming their index; they are never removed from the log.
 *
 * <p>Not thread-safe: use one reader from one thread at a time, and close it (it holds a Chronicle
 * tailer, which maps the queue's files).
 */
public final class LogReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogReader.class);

    private final ExcerptTailer tailer;
    private final EventCodec codec;
    private final boolean summaries;
    private final byte[][] scratch = {new byte[512]};

    LogReader(ChronicleQueue queue, EventCodec codec, boolean summaries) {
        this.summaries = summaries;
        this.tailer = queue.createTailer();
        // A reader may be handed from thread to thread by Reactor (never used by two at once).
        this.tailer.singleThreadedCheckDisabled(true);
        this.codec = codec;
    }

    /** Positions the reader so that {@link #next()} returns the first entry after {@code index}. */
    LogReader after(long index) {
        if (index < 0 || !tailer.moveToIndex(index)) {
            // Before the first entry (or an index this log never had): start at the beginning and skip.
            tailer.toStart();
            skipThrough(index);
            return this;
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            // consumes the entry at index itself
        }
        return this;
    }

    private void skipThrough(long index) {
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return;
                }
                if (dc.index() >= index) {
                    if (dc.index() > index) {
                        dc.rollbackOnClose();
                    }
                    return;
                }
            }
        }
    }

    /** The next readable entry, or null at the current end of the log. */
    public Logged next() {
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return null;
                }
                long index = dc.index();
                try {
                    return new Logged(index, EntryFormat.read(dc.wire().bytes(), codec, summaries, scratch));
                } catch (UnreadableEventException e) {
                    LOG.warn("log entry {} skipped: {}", index, e.getMessage());
                }
            }
        }
    }

    /** The event at {@code index}, empty when there is none or it cannot be read. */
    public Optional<Event> read(long index) {
        if (!tailer.moveToIndex(index)) {
            return Optional.empty();
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent() || dc.index() != index) {
                return Optional.empty();
            }
            return Optional.of(EntryFormat.read(dc.wire().bytes(), codec, summaries, scratch));
        } catch (UnreadableEventException e) {
            LOG.warn("log entry {} unreadable: {}", index, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        tailer.close();
    }
}

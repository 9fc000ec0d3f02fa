package peerchat.ui.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cursor of the newest message the terminal has shown, kept in the data directory
 * ({@code terminal.seen}) so that the next start can show what came since. Written on a thread of
 * its own every second while it changes (the node's thread, which shows the messages, never
 * writes a file), and at close; a SIGKILL loses at most that second, which is then shown again.
 * Every five seconds, as it was, a node killed soon after its first start had no mark at all, and
 * the next start showed none of what came while it was down.
 */
final class SeenMarker implements AutoCloseable {
    static final String FILE = "terminal.seen";
    /** None yet: the first start with this data directory, or an unreadable file. */
    static final long NONE = -1;
    private static final long SAVE_EVERY_SECONDS = 1;
    private static final Logger LOG = LoggerFactory.getLogger(SeenMarker.class);

    private final Path file;
    private final AtomicLong newest = new AtomicLong(NONE);
    private long saved = NONE;
    private ScheduledExecutorService saver;

    SeenMarker(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    /** The cursor saved by the last run, or {@link #NONE}. */
    long load() {
        try {
            long cursor = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
            saved = Math.max(cursor, NONE);
            newest.accumulateAndGet(saved, Math::max);
            return saved;
        } catch (IOException | NumberFormatException e) {
            if (Files.exists(file)) {
                LOG.warn("cannot read {} ({}): showing the recent messages instead of what came since", file, e.toString());
            }
            return NONE;
        }
    }

    /** Starts saving in the background. */
    void start() {
        saver = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peerchat-seen-marker");
            t.setDaemon(true);
            return t;
        });
        saver.scheduleWithFixedDelay(this::save, SAVE_EVERY_SECONDS, SAVE_EVERY_SECONDS, TimeUnit.SECONDS);
    }

    /** A message with this cursor was shown. Any thread. */
    void shown(long cursor) {
        newest.accumulateAndGet(cursor, Math::max);
    }

    private synchronized void save() {
        long cursor = newest.get();
        if (cursor == saved) {
            return;
        }
        try {
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.writeString(tmp, Long.toString(cursor), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            saved = cursor;
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", file, e.toString());
        }
    }

    @Override
    public void close() {
        if (saver != null) {
            saver.shutdownNow();
        }
        save();
    }
}

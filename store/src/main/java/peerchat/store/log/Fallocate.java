package peerchat.store.log;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.openhft.posix.PosixAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code fallocate(2)} on the log's files, through the POSIX binding Chronicle itself ships
 * ({@code net.openhft:posix}, on JNR): Java has no call of its own for it.
 *
 * <p>Why not zeros written with a {@link java.nio.channels.FileChannel}: in a 10-node flood the
 * writes of zeros that keep room ahead of the log were 13.5% of the whole process's CPU (the
 * kernel copying 4 MB of zeros into the page cache for every 4 MB of entries); asking the
 * filesystem for the blocks copies nothing.
 *
 * <p>The binding takes ~0.16 s to load (JNR generates its stubs), so it is loaded on a thread of
 * its own when this class is first used; until it is there, or where it cannot work (not Linux,
 * a filesystem without {@code fallocate}, a full disk), {@link #allocate} says it did not and the
 * caller writes zeros as before.
 */
final class Fallocate {
    private static final Logger LOG = LoggerFactory.getLogger(Fallocate.class);
    private static final int O_WRONLY = 1;
    private static final int FALLOC_FL_KEEP_SIZE = 0x01;
    private static final int FALLOC_FL_PUNCH_HOLE = 0x02;
    private static final int EBADF = 9;
    private static final CompletableFuture<PosixAPI> BINDING = new CompletableFuture<>();

    static {
        Thread loader = new Thread(() -> BINDING.complete(load()), "fallocate-binding");
        loader.setDaemon(true);
        loader.start();
    }

    private Fallocate() {
    }

    /**
     * Allocates the blocks of {@code [offset, offset + length)} of {@code file}, growing it if
     * needed; false when it did not (no binding yet, none here, a full disk): nothing was allocated.
     */
    static boolean allocate(Path file, long offset, long length) {
        PosixAPI posix = BINDING.getNow(null);
        return posix != null && call(posix, file, 0, offset, length) == 0;
    }

    /**
     * Gives the blocks of {@code [offset, offset + length)} back to the filesystem; the file keeps
     * its length and reads zeros there. Waits for the binding if it is still loading (this is
     * called at a day's end and at closing, never per entry).
     *
     * @return whether the blocks were given back
     */
    static boolean punchHole(Path file, long offset, long length) {
        PosixAPI posix;
        try {
            posix = BINDING.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            return false;
        }
        return posix != null && call(posix, file, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length) == 0;
    }

    /** Starts loading the binding (it loads with this class), so that it is there by the first top-up. */
    static void preload() {
        // Nothing else to do: this class's initialisation started the loader.
    }

    /** Whether the binding is loaded and works (for tests: it loads on its own thread). */
    static boolean available() {
        return BINDING.getNow(null) != null;
    }

    /** 0, or the call's errno. */
    private static int call(PosixAPI posix, Path file, int mode, long offset, long length) {
        int fd = posix.open(file.toString(), O_WRONLY, 0);
        if (fd < 0) {
            return posix.lastError();
        }
        try {
            return posix.fallocate(fd, mode, offset, length) == 0 ? 0 : posix.lastError();
        } finally {
            posix.close(fd);
        }
    }

    /**
     * The binding, or null where it would not work: a call on a closed descriptor must fail with
     * EBADF, which also rules out the do-nothing binding Chronicle falls back to without JNR.
     */
    private static PosixAPI load() {
        try {
            PosixAPI posix = PosixAPI.posix();
            if (posix.fallocate(-1, 0, 0, 4096) == -1 && posix.lastError() == EBADF) {
                return posix;
            }
            LOG.debug("no working fallocate in {}: room for the log is written as zeros", posix.getClass().getName());
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("no fallocate binding ({}): room for the log is written as zeros", e.toString());
        }
        return null;
    }
}

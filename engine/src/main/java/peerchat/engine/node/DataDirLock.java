package peerchat.engine.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node per data directory: an exclusive lock on {@code DIR/lock}, held while the node runs.
 * Two nodes on one directory (a second {@code ./peerchat --name alice}, the window opened beside
 * the terminal) shared one identity and one log: both numbered their messages from the same
 * clock, so peers got two different messages under one id and dropped one as a duplicate. The
 * lock belongs to the process (the kernel lets it go when the process dies, SIGKILL included),
 * so no stale lock file ever keeps a node from starting. The file holds the holder's pid, for the
 * message the next one gets.
 */
final class DataDirLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirLock.class);
    /**
     * Directories held by nodes of this JVM. Checked before the lock file is even opened: closing
     * any channel to a file drops every lock this process holds on it (POSIX), so a refused
     * second node of this JVM must not open and close one.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private final Path key;
    private final FileChannel channel;
    /** Null where the filesystem has no locks. */
    private final FileLock lock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DataDirLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws DirectoryInUse if another node (in this process or another) holds {@code dataDir} */
    static DataDirLock acquire(Path dataDir) {
        Path key = canonical(dataDir);
        if (!HELD.add(key)) {
            throw new DirectoryInUse(dataDir, Long.toString(ProcessHandle.current().pid()));
        }
        try {
            return lock(dataDir, key);
        } catch (RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    /** Why a file could not be opened, in words: the JDK's exceptions often say only the path (QA: a read-only data directory). */
    static String trouble(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied (the data directory is not yours to write: --data DIR picks another)";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.toString();
    }

    private static DataDirLock lock(Path dataDir, Path key) {
        Path file = dataDir.resolve("lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + trouble(e), e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (IOException noLocksHere) {
                // A filesystem without locks (some network mounts): run, as before there was a
                // lock, rather than refuse to start; the log file says what is not guarded.
                LOG.warn("cannot lock {} ({}): nothing keeps a second node off this data directory", file, noLocksHere.toString());
                return new DataDirLock(key, channel, null);
            }
            if (lock == null) {
                throw new DirectoryInUse(dataDir, holder(channel));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new DataDirLock(key, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** One key per directory however it is named (relative, through a symlink). */
    private static Path canonical(Path dataDir) {
        try {
            return dataDir.toRealPath();
        } catch (IOException e) {
            return dataDir.toAbsolutePath().normalize();
        }
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            int n = channel.read(b, 0);
            String pid = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d+") ? pid : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // failing anyway
        }
    }

    /** Lets the directory go (closing the channel releases the lock). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // the key may be another node's by now
        }
        if (lock != null) {
            try {
                lock.release();
            } catch (IOException ignored) {
                // the close below releases it too
            }
        }
        closeQuietly(channel);
        HELD.remove(key);
    }

    /** The data directory is another node's. */
    static final class DirectoryInUse extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        DirectoryInUse(Path dataDir, String pid) {
            super("the data directory " + dataDir + " is in use by another peerchat node (pid " + pid
                    + "); one node per data directory: stop that one, or give this one --data elsewhere");
        }
    }
}

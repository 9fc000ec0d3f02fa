package peerchat.store.log;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disk blocks allocated ahead of where the log writes, so that a full disk refuses an append
 * before it begins instead of killing the writer in the middle of one.
 *
 * <p>Why: Chronicle writes through a memory map of a sparse queue file (80 MB mapped from the
 * start, blocks allocated on first touch). On a full disk the first store into a page without a
 * block is a SIGBUS, which the JVM turns into an {@link InternalError} in whatever thread touched
 * it (a node's network thread, which Reactor then rethrows as fatal), or into a crash. Measured
 * on a 40 MB tmpfs: the node's thread died mid-append and every later command hung for its
 * timeout. Here the blocks ahead of the write position are allocated with {@link Fallocate}, or
 * where that cannot by positional writes of zeros (the file holds zeros there anyway, nothing
 * past the position is ever written until the next append, and only the writer thread appends),
 * both of which fail on a full disk with an error instead; an append that would go past the
 * allocated room is refused with a {@link LogFullException}, and is taken again once space is
 * freed.
 *
 * <p>Before the first append after opening, and when the next append starts a new roll file, the
 * position is not known yet: then the filesystem's free space is checked instead (a race with
 * another process filling the disk in that microsecond is left open).
 *
 * <p>Writer thread only.
 */
final class LogRoom implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogRoom.class);
    /** Allocated past the position when topping up: one top-up per ~2 MB of entries. */
    static final long AHEAD = 4L << 20;
    /** Top up once less than this is left. */
    static final long LOW = 2L << 20;
    /**
     * An append needs this much allocated beyond its own bytes: Chronicle writes its index arrays
     * (32 KB) and headers in line with the entries.
     */
    static final long MARGIN = 1L << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(256 << 10);

    private final Path dir;
    private File file;
    private FileChannel channel;
    /** End of the last entry written in {@link #file}. */
    private long position;
    /** Blocks are allocated up to here in {@link #file} (at least up to {@link #position}). */
    private long allocatedTo;
    /** The last top-up fell short: said once in the log file, not at every append. */
    private boolean fellShort;

    LogRoom(Path dir) {
        this.dir = dir;
        Fallocate.preload();
    }

    /**
     * Makes sure an append of about {@code bytes} fits in allocated blocks.
     *
     * @param newFile whether the append will be the first in its file as far as this knows (the
     *        first since opening, or the first of a new roll cycle)
     * @throws LogFullException if it does not and no more can be allocated; nothing was written
     */
    void ensure(long bytes, boolean newFile) {
        if (newFile || file == null) {
            long free = usableSpace();
            if (free < bytes + MARGIN) {
                throw new LogFullException(dir, free);
            }
            return;
        }
        long left = allocatedTo - position;
        if (left >= LOW && left >= bytes + MARGIN) {
            return;
        }
        topUp(position + Math.max(AHEAD, bytes + MARGIN + LOW));
        if (allocatedTo - position < bytes + MARGIN) {
            throw new LogFullException(dir, usableSpace());
        }
    }

    /** After an append: it ended at {@code end} in {@code current} (the queue's file now). */
    void wrote(File current, long end) {
        if (current == null) {
            return; // not known: the next append checks the free space instead
        }
        if (!current.equals(file)) {
            // A new day's file: the last one is done, its room ahead is given back.
            releaseAhead();
            closeChannel();
            file = current;
            allocatedTo = end;
        }
        position = end;
        allocatedTo = Math.max(allocatedTo, end);
    }

    /** Allocates {@code [allocatedTo, target)}; short of it on a full disk (logged, not thrown). */
    private void topUp(long target) {
        // Where it cannot, the zeros below do: on a full disk they take what room is left, a piece
        // at a time.
        if (Fallocate.allocate(file.toPath(), allocatedTo, target - allocatedTo)) {
            allocatedTo = target;
            roomAgain();
            return;
        }
        try {
            if (channel == null) {
                channel = FileChannel.open(file.toPath(), StandardOpenOption.WRITE);
            }
            while (allocatedTo < target) {
                ByteBuffer zeros = ZEROS.duplicate();
                zeros.limit((int) Math.min(zeros.capacity(), target - allocatedTo));
                allocatedTo += channel.write(zeros, allocatedTo);
            }
            roomAgain();
        } catch (IOException e) {
            // ENOSPC, typically: whatever got allocated before it still counts.
            if (!fellShort) {
                fellShort = true;
                LOG.warn("could not allocate room for the log in {} ({} KB left ahead of its end): {}",
                        dir, (allocatedTo - position) / 1024, e.toString());
            }
        }
    }

    private void roomAgain() {
        if (fellShort) {
            fellShort = false;
            LOG.info("room for the log in {} again", dir);
        }
    }

    private long usableSpace() {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            LOG.warn("cannot read the free space of {}: {}", dir, e.toString());
            return Long.MAX_VALUE; // unknown: let Chronicle try
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing {}: {}", file, e.toString());
            }
            channel = null;
        }
    }

    /**
     * Gives the blocks allocated past the last entry (and the page after it, where Chronicle
     * marks the end of a day's file) back to the filesystem: old day files are never shrunk by
     * Chronicle, so each would keep up to {@link #AHEAD} of zeros for good. A hole reads as the
     * zeros it held. Without {@link Fallocate} (not Linux) the blocks stay, at most
     * {@link #AHEAD} a file.
     */
    private void releaseAhead() {
        if (file == null) {
            return;
        }
        long from = ((position >> 12) + 2) << 12;
        if (allocatedTo <= from) {
            return;
        }
        if (!Fallocate.punchHole(file.toPath(), from, allocatedTo - from)) {
            LOG.debug("room ahead of the end of {} kept ({} KB)", file, (allocatedTo - from) / 1024);
        }
        allocatedTo = position;
    }

    /** Closing the log: the room ahead is given back (the next run allocates its own). */
    @Override
    public void close() {
        releaseAhead();
        closeChannel();
    }
}

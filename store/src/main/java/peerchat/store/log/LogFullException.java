package peerchat.store.log;

import java.nio.file.Path;

/** An append refused because the disk holding the log is full: nothing of it was written, the log is intact. */
public final class LogFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public LogFullException(Path dir, long freeBytes) {
        super("the disk holding " + dir + " is full (" + (freeBytes == Long.MAX_VALUE ? "?" : freeBytes / 1024)
                + " KB free): nothing was written; free some space and try again");
    }
}

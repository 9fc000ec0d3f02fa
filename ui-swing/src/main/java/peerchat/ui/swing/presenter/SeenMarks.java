package peerchat.ui.swing.presenter;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import peerchat.engine.api.Conversation;

/**
 * Per conversation, the cursor of the newest message the user has seen there, as this run moves
 * it on from what the last one kept ({@link ReadMarks}).
 *
 * <p>A conversation without a mark of its own: on the window's first run on a data directory
 * nothing already in the log is unread (it may hold years of history nobody wants counted); after
 * that it counts what came after the newest message the window knew of when it last kept its marks
 * ({@link ReadMarks#end()}). Every conversation the window opens, or meets with something unread,
 * gets its own mark ({@link #met}), so that moving {@code end} on never passes over what is unread
 * in it. UI thread only.
 */
final class SeenMarks {
    private final ReadMarks saved;
    /** Runs whenever the marks move, to save them. */
    private final Runnable changed;
    private final Map<String, Long> seen = new HashMap<>();
    /** The mark of a conversation without one of its own this run. */
    private long baseline = -1;
    /** The newest cursor this window has met: at start the log's, then each live message's. */
    private long known = -1;
    private boolean started;

    SeenMarks(ReadMarks saved, Runnable changed) {
        this.saved = saved;
        this.changed = changed;
    }

    /** The window starts with the log's newest cursor at {@code end}. */
    void start(long end) {
        started = true;
        known = end;
        // The first run keeps nothing yet: all that is in the log counts as seen.
        baseline = saved.end().orElse(end);
        seen.putAll(saved.seen());
    }

    /** What to keep for the next run; what was kept before while this run has not started. */
    ReadMarks readMarks() {
        return started ? new ReadMarks(seen, OptionalLong.of(known)) : saved;
    }

    long of(Conversation c) {
        return seen.getOrDefault(c.key(), baseline);
    }

    /** The oldest mark of all, that of a conversation without one included: where what is unread may begin. */
    long oldest() {
        return Math.min(seen.values().stream().mapToLong(Long::longValue).min().orElse(baseline), baseline);
    }

    /** The user has seen {@code c} up to {@code cursor}. */
    void seenUpTo(Conversation c, long cursor) {
        met(c);
        if (cursor > of(c)) {
            seen.put(c.key(), cursor);
            changed.run();
        }
    }

    /**
     * {@code c} keeps its mark from now on, so that the next run's default (the newest cursor met
     * in this one) does not pass over what is unread in it.
     */
    void met(Conversation c) {
        if (!seen.containsKey(c.key())) {
            seen.put(c.key(), baseline);
            changed.run();
        }
    }

    /** A message with this cursor came. */
    void known(long cursor) {
        known = Math.max(known, cursor);
    }
}

package peerchat.ui.swing.presenter;

import java.util.ArrayList;
import java.util.List;

/**
 * The window's own lines in the open conversation (command answers, warnings), each kept after the
 * newest message shown when it came, so that a transcript read again (after {@code -ignore}) puts
 * them back where they were instead of dropping them. UI thread only.
 */
final class Notices {
    /** Its place: after the message with cursor {@code after}; {@code Long.MIN_VALUE} before all. */
    private record Notice(long after, Line line) {
    }

    /** A notice that came while a page was being read: it goes after that page once it is there. */
    private static final long AFTER_PAGE = Long.MAX_VALUE;

    private final List<Notice> list = new ArrayList<>();

    /** Another conversation is open: its notices are gone. */
    void clear() {
        list.clear();
    }

    /**
     * {@code line} came: after the newest message shown ({@code newestShown}), or after the page
     * being read when {@code pageLoading}; never before a notice that came earlier.
     */
    void add(Line line, boolean pageLoading, long newestShown) {
        long after = pageLoading ? AFTER_PAGE
                : Math.max(newestShown, list.isEmpty() ? Long.MIN_VALUE : list.get(list.size() - 1).after());
        list.add(new Notice(after, line));
    }

    /** The page being read has come, its newest message at {@code newest}: the notices that waited go after it. */
    void pageCame(long newest) {
        list.replaceAll(n -> n.after() == AFTER_PAGE ? new Notice(newest, n.line()) : n);
    }

    /** {@code lines} with the notices put back, each after the messages shown before it; one from before them all at the top. */
    List<Line> placedAmong(List<Line> lines) {
        if (list.isEmpty()) {
            return lines;
        }
        List<Line> out = new ArrayList<>();
        int next = 0;
        for (Line l : lines) {
            while (next < list.size() && l.kind() == Line.Kind.MESSAGE && list.get(next).after() < l.cursor()) {
                out.add(list.get(next++).line());
            }
            out.add(l);
        }
        while (next < list.size()) {
            out.add(list.get(next++).line());
        }
        return out;
    }
}

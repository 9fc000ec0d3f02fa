package peerchat.ui.swing.presenter;

import static peerchat.ui.swing.presenter.ChatPresenter.UNREAD_SCAN_LIMIT;
import static peerchat.ui.swing.presenter.ChatPresenter.UNREAD_SCAN_PAGE;

import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;

/**
 * The start's count of what came since the user last looked: reads the log after the oldest mark
 * (but no more than {@link ChatPresenter#UNREAD_SCAN_LIMIT} of its newest messages), page by page
 * as the node reads them off the UI thread, and counts per conversation the messages of others
 * after its mark (the node leaves out those of users ignored), but none in a group the user is not
 * in now: one they left is not theirs to read. A conversation whose mark is further back than what
 * was read gets its count as a floor. The counts are handed over all at once when done; while it
 * {@link #running() runs}, the open conversation's first page waits for them to show where its
 * unread begin.
 */
final class UnreadScan {
    private static final Logger LOG = LoggerFactory.getLogger(UnreadScan.class);

    private final Node node;
    private final SeenMarks marks;
    private final Answers answers;
    private boolean running;

    UnreadScan(Node node, SeenMarks marks, Answers answers) {
        this.node = node;
        this.marks = marks;
        this.answers = answers;
    }

    /** Counts what is unread up to the log's newest cursor {@code end}, then gives it to {@code counted}; nothing if there is nothing to read. */
    void start(long end, Consumer<Unread> counted) {
        long from = Math.max(marks.oldest(), end - UNREAD_SCAN_LIMIT);
        if (from >= end) {
            return;
        }
        running = true;
        page(from, from, end, new Unread(), counted);
    }

    /** Whether the count is still being read. */
    boolean running() {
        return running;
    }

    private void page(long after, long from, long end, Unread found, Consumer<Unread> counted) {
        answers.whenDone(node.historyAfter(after, UNREAD_SCAN_PAGE), page -> {
            Set<String> mine = Set.copyOf(node.myGroups());
            long last = after;
            for (MessageView m : page) {
                if (m.cursor() > end) {
                    break;
                }
                last = m.cursor();
                Conversation c = m.conversation();
                boolean left = c instanceof Conversation.Group g && !mine.contains(g.name().value());
                if (!m.own() && !left && m.cursor() > marks.of(c)) {
                    found.add(c, m.fromId(), m.mention());
                    if (marks.of(c) < from) {
                        found.mayBeMore(c);
                    }
                }
            }
            boolean more = page.size() == UNREAD_SCAN_PAGE && page.get(page.size() - 1).cursor() < end;
            if (more) {
                page(last, from, end, found, counted);
            } else {
                done(found, counted);
            }
        }, e -> {
            LOG.warn("the log could not be read for what is unread", e);
            done(found, counted);
        });
    }

    private void done(Unread found, Consumer<Unread> counted) {
        running = false;
        counted.accept(found);
    }
}

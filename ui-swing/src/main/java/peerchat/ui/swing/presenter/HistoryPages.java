package peerchat.ui.swing.presenter;

import java.util.ArrayList;
import java.util.List;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.HistoryPage;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import reactor.core.publisher.Mono;

/**
 * A conversation's history as it happened, a page at a time: its messages, each under the name its
 * sender wrote it under (as the node gives them), and the renames among them, as the node's own
 * conversation pages ({@code -history}) have them: from the page's first message to where the next
 * page begins, or to now for the newest. Which of those renames the window says there is the
 * transcript's to choose ({@link RenameNotices#saidIn}), on the UI thread.
 *
 * <p>The node's API pages one conversation's messages ({@link Node#history},
 * {@link Node#historyBefore}) without their renames, and gives renames only with a stretch of every
 * conversation's messages ({@link Node#historyPageAfter}). So a page's renames are read over the
 * stretch of the log it spans, {@link #RENAMES_READ} messages a read, and no further back than
 * {@link #RENAMES_REACH} messages before its end: a page of a quiet conversation in a busy log (a
 * direct message a day among thousands in {@code #all}) does not read the whole log; a rename further
 * back than that on such a page is not said. A conversation page with its renames in the node's API
 * would do without both.
 */
final class HistoryPages {
    /** Messages per read of the log for the renames of a page. */
    static final int RENAMES_READ = 1_000;
    /** How far back from a page's end its renames are looked for, in messages of every conversation. */
    static final long RENAMES_REACH = 20_000;

    private final Node node;

    HistoryPages(Node node) {
        this.node = node;
    }

    /** The newest {@code n} messages of {@code c}, with the renames from the first of them to now. */
    Mono<HistoryPage> last(Conversation c, int n) {
        return node.history(c, n).flatMap(messages -> withRenames(messages, Long.MAX_VALUE));
    }

    /** The {@code n} messages of {@code c} before {@code cursor}, with the renames from the first of them up to {@code cursor}. */
    Mono<HistoryPage> before(Conversation c, long cursor, int n) {
        return node.historyBefore(c, cursor, n).flatMap(messages -> withRenames(messages, cursor));
    }

    /** {@code messages} with the renames after the first of them and at {@code upTo} or before ({@code Long.MAX_VALUE}: to now). */
    private Mono<HistoryPage> withRenames(List<MessageView> messages, long upTo) {
        if (messages.isEmpty()) {
            // No first message: nothing of the conversation's history to place a rename among.
            return Mono.just(new HistoryPage(messages, List.of()));
        }
        long end = upTo == Long.MAX_VALUE ? node.historySize() : upTo;
        long after = Math.max(messages.get(0).cursor(), end - RENAMES_REACH);
        return renames(after, upTo, new ArrayList<>()).map(renames -> new HistoryPage(messages, renames));
    }

    /** Adds to {@code found} the renames placed after {@code after} and at {@code upTo} or before, a read at a time. */
    private Mono<List<ChatEvent.Renamed>> renames(long after, long upTo, List<ChatEvent.Renamed> found) {
        // A stretch of k positions holds k messages at most: no more are asked for than it can hold.
        int n = (int) Math.min(RENAMES_READ, Math.max(1, upTo - after));
        return node.historyPageAfter(after, n).flatMap(page -> {
            page.renames().stream().filter(r -> r.cursor() <= upTo).forEach(found::add);
            List<MessageView> read = page.messages();
            // Fewer than asked: the log ends there, and the page's renames go to now.
            if (read.size() < n || read.get(read.size() - 1).cursor() >= upTo) {
                return Mono.just(found);
            }
            // A full page's renames go up to its last message: the next read goes on from there.
            return renames(read.get(read.size() - 1).cursor(), upTo, found);
        });
    }
}

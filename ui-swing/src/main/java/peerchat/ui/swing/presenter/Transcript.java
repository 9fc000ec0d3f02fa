package peerchat.ui.swing.presenter;

import static peerchat.ui.swing.presenter.ChatPresenter.OPEN_AT_UNREAD;
import static peerchat.ui.swing.presenter.ChatPresenter.PAGE;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.HistoryPage;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import peerchat.store.event.NodeId;

/**
 * The open conversation and its transcript: paged from the log, the last page first and the one
 * before whenever the user scrolls to the top, so a conversation of any length opens at once; live
 * messages after it, each shown once; the renames among them, read with each page
 * ({@link Node#historyPage}) or told live, each said once in its place ({@link RenameNotices}); the
 * window's own lines ({@link Notices}) kept in place; and a
 * divider before what was unread when it was opened, where it opens (the pages back to it read
 * first, up to {@link ChatPresenter#OPEN_AT_UNREAD}). What is shown is seen, and moves the
 * conversation's read mark, while the window is in front.
 */
final class Transcript {
    private static final Logger LOG = LoggerFactory.getLogger(Transcript.class);

    private final Node node;
    private final ChatView view;
    private final Answers answers;
    private final Clock clock;
    private final SeenMarks marks;
    /** Whether the window is in front: only then is what it shows seen. */
    private final BooleanSupplier inFront;
    /** The start is still reading the log for what is unread: the first page waits, to show where that begins. */
    private final BooleanSupplier counting;
    private final Function<Conversation, String> label;
    /** Whose renames are not said: the users ignored, as the window last saw them. */
    private final Supplier<Set<NodeId>> ignored;

    private Conversation current;
    /** Bumped when the conversation changes, so pages that arrive for the old one are dropped. */
    private long generation;
    /** The ids of the messages and renames shown: each once. */
    private final Set<String> shown = new HashSet<>();
    private long oldestCursor = Long.MAX_VALUE;
    private long newestCursor = Long.MIN_VALUE;
    /** The window's own lines in the open conversation, kept in place when it is read again. */
    private final Notices notices = new Notices();
    private boolean exhausted;
    private boolean loadingFirst;
    private boolean loadingOlder;
    /** Live messages and renames of the current conversation that came while its first page was loading. */
    private final List<ChatEvent> pending = new ArrayList<>();
    /** The first page, come while {@link #counting}. */
    private Runnable heldPage;

    /** How many were unread in the conversation just opened: its first page marks where they begin. */
    private int unreadWhenOpened;
    /** That count is a floor. */
    private boolean atLeastWhenOpened;
    /** The read mark of the conversation just opened, when it was opened: the divider goes before the first message after it. */
    private long seenWhenOpened;
    /** The divider waits at the top of the lines loaded: what was unread begins further back (see {@link #markUnread}). */
    private boolean dividerAtTop;
    /** The id of the oldest message of others after that mark among the lines loaded, if any. */
    private String firstUnreadLoaded;

    Transcript(Node node, ChatView view, Answers answers, Clock clock, SeenMarks marks, BooleanSupplier inFront,
               BooleanSupplier counting, Function<Conversation, String> label, Supplier<Set<NodeId>> ignored) {
        this.node = node;
        this.view = view;
        this.answers = answers;
        this.clock = clock;
        this.marks = marks;
        this.inFront = inFront;
        this.counting = counting;
        this.label = label;
        this.ignored = ignored;
    }

    Conversation current() {
        return current;
    }

    /**
     * {@code conversation} is opened, with {@code unread} (a floor if {@code atLeast}) counted while
     * it was elsewhere after its mark {@code seenBefore}; the transcript is empty until
     * {@link #loadLastPage()} brings its page.
     */
    void open(Conversation conversation, int unread, boolean atLeast, long seenBefore) {
        current = conversation;
        seenWhenOpened = seenBefore;
        atLeastWhenOpened = atLeast;
        unreadWhenOpened = unread;
        notices.clear();
        view.showTranscript(List.of());
    }

    /** The start counted {@code unread} more (a floor if {@code atLeast}) in the open conversation. */
    void unreadCame(int unread, boolean atLeast) {
        unreadWhenOpened += unread;
        atLeastWhenOpened |= atLeast;
    }

    /** The start's count is done: the first page, if it waited, is shown now. */
    void countDone() {
        Runnable page = heldPage;
        heldPage = null;
        if (page != null) {
            page.run();
        }
    }

    /** Whose messages are hidden changed: the transcript is read again, without a divider. */
    void readAgain() {
        unreadWhenOpened = 0;
        atLeastWhenOpened = false;
        loadLastPage();
    }

    /** The open conversation, as far as it is shown, is seen if the window is in front. */
    void markSeen() {
        if (inFront.getAsBoolean() && current != null && !loadingFirst && newestCursor != Long.MIN_VALUE) {
            marks.seenUpTo(current, newestCursor);
        }
    }

    /** A live message of the open conversation: shown after the first page, once. */
    void message(MessageView m) {
        if (loadingFirst) {
            pending.add(new ChatEvent.Message(m));
        } else if (shown.add(m.id())) {
            oldestCursor = Math.min(oldestCursor, m.cursor());
            newestCursor = Math.max(newestCursor, m.cursor());
            view.appendLine(line(m));
            markSeen();
        }
    }

    /**
     * The node tells {@code sender} apart from others of the same name another way ({@code was}
     * is {@code label} now): their lines on screen written as {@code was} take {@code label}, as
     * they would if read again, without reading the page again (a reader scrolled up stays there).
     * Their lines under another name are left as they are.
     */
    void relabel(NodeId sender, String was, String label) {
        String by = sender.value() + "-"; // a message id is its sender's id and its number
        view.changeLines(l -> l.kind() == Line.Kind.MESSAGE && l.id().startsWith(by) && l.from().equals(was) ? l.from(label) : l);
    }

    /**
     * Someone took another name: said at the end if it concerns the open conversation
     * ({@link RenameNotices#saidIn}), after the first page if that is loading, once (a page read
     * since may have it already).
     */
    void renamed(ChatEvent.Renamed r) {
        if (current == null || !RenameNotices.saidIn(current, r, ignored.get())) {
            return;
        }
        if (loadingFirst) {
            pending.add(r);
        } else if (shown.add(r.id())) {
            view.appendLine(RenameNotices.line(r, clock));
        }
    }

    /** A line from the window to its user at the end of the transcript, kept there if it is read again. */
    void notice(String text) {
        Line line = Line.notice(ReplyText.time(clock.millis(), clock.getZone()), text);
        notices.add(line, loadingFirst, newestCursor);
        view.appendLine(line);
    }

    /**
     * Reads the current conversation's last page; it replaces what is shown when it comes. Pages
     * asked for before are dropped when they arrive, live messages wait for it.
     */
    void loadLastPage() {
        generation++;
        shown.clear();
        pending.clear();
        oldestCursor = Long.MAX_VALUE;
        newestCursor = Long.MIN_VALUE;
        exhausted = false;
        loadingOlder = false;
        loadingFirst = true;
        dividerAtTop = false;
        firstUnreadLoaded = null;
        long asked = generation;
        Conversation conv = current;
        answers.whenDone(node.historyPage(conv, Long.MAX_VALUE, PAGE), page -> firstPage(asked, page), e -> historyFailed(asked, conv, e));
    }

    /** The user scrolled to the top: fetch the page before the oldest message shown. */
    void loadOlder() {
        if (loadingFirst || loadingOlder || exhausted || oldestCursor == Long.MAX_VALUE) {
            return;
        }
        loadingOlder = true;
        long asked = generation;
        Conversation conv = current;
        answers.whenDone(node.historyPage(conv, oldestCursor, PAGE), page -> olderPage(asked, page),
                e -> historyFailed(asked, conv, e));
    }

    /** Whether every message of the current conversation is loaded. */
    boolean atBeginning() {
        return exhausted;
    }

    private void firstPage(long asked, HistoryPage page) {
        if (asked != generation) {
            return;
        }
        if (counting.getAsBoolean()) {
            heldPage = () -> firstPage(asked, page);
            return;
        }
        exhausted = page.messages().size() < PAGE;
        List<Line> lines = unseen(page);
        if (seeksUnread()) {
            pageBackToUnread(asked, lines);
        } else {
            show(lines);
        }
    }

    /** Whether to read further back before showing: what was unread begins above the lines loaded, not too far. */
    private boolean seeksUnread() {
        return unreadWhenOpened > 0 && unreadWhenOpened <= OPEN_AT_UNREAD && !atLeastWhenOpened && !reachesBack()
                && shown.size() < OPEN_AT_UNREAD;
    }

    /**
     * The page before {@code lines}, and so on until what was unread begins among them; still
     * {@link #loadingFirst}: live messages and notices wait for them as for a first page. If a page
     * cannot be read, what came is shown.
     */
    private void pageBackToUnread(long asked, List<Line> lines) {
        Conversation conv = current;
        answers.whenDone(node.historyPage(conv, oldestCursor, PAGE), page -> {
            if (asked != generation) {
                return;
            }
            exhausted = page.messages().size() < PAGE;
            List<Line> all = unseen(page);
            all.addAll(lines);
            if (seeksUnread()) {
                pageBackToUnread(asked, all);
            } else {
                show(all);
            }
        }, e -> {
            historyFailed(asked, conv, e);
            if (asked == generation) {
                show(lines);
            }
        });
    }

    /** The first lines come on screen, with what waited for them, at the divider if it stands where the unread begin. */
    private void show(List<Line> lines) {
        loadingFirst = false;
        notices.pageCame(newestCursor);
        lines.addAll(unseen(pending));
        pending.clear();
        boolean atUnread = markUnread(lines);
        view.showTranscript(notices.placedAmong(lines));
        if (atUnread) {
            view.scrollToDivider();
        }
        markSeen();
    }

    /**
     * If messages were counted unread while the conversation was elsewhere (or since the last run),
     * a divider saying how many before the first message of others after the mark it had when
     * opened.
     *
     * <p>The lines loaded may not reach back so far (the mark is older than the oldest of them, and
     * there are older pages): then the divider goes at their top, with the whole count, saying that
     * all of them are new and that more are above. Put before the first unread line loaded, it would
     * say that the lines above it were read. Each older page that comes takes it to its own top,
     * until the one that reaches back past the mark puts it where what was unread begins
     * ({@link #dividerFollows}).
     *
     * @return whether the divider stands where what was unread begins
     */
    private boolean markUnread(List<Line> lines) {
        int first = firstUnread(lines);
        firstUnreadLoaded = first < 0 ? null : lines.get(first).id();
        if (unreadWhenOpened <= 0) {
            return false;
        }
        Line divider = Line.divider(unreadWhenOpened, atLeastWhenOpened);
        if (!reachesBack()) {
            dividerAtTop = true;
            lines.add(0, divider);
            return false;
        }
        if (first >= 0) {
            lines.add(first, divider);
            return true;
        }
        return false;
    }

    /**
     * An older page came while the divider waits at the top: it goes to the page's top, or where
     * what was unread begins once nothing can be further back.
     */
    private void dividerFollows(List<Line> older) {
        int first = firstUnread(older);
        if (first >= 0) {
            firstUnreadLoaded = older.get(first).id();
        }
        if (!reachesBack()) {
            if (!older.isEmpty()) {
                view.moveDivider(older.get(0).id());
            }
            return;
        }
        dividerAtTop = false;
        if (firstUnreadLoaded != null) {
            view.moveDivider(firstUnreadLoaded);
        }
    }

    /** Whether the lines loaded reach back to the mark the conversation had when opened: nothing unread is above them. */
    private boolean reachesBack() {
        return exhausted || oldestCursor <= seenWhenOpened;
    }

    /** Where the first message of others after the mark is among {@code lines}; -1 if none is. */
    private int firstUnread(List<Line> lines) {
        for (int at = 0; at < lines.size(); at++) {
            Line l = lines.get(at);
            if (l.kind() == Line.Kind.MESSAGE && !l.own() && l.cursor() > seenWhenOpened) {
                return at;
            }
        }
        return -1;
    }

    /** The lines of {@code page} not shown yet, its renames among its messages: those said in the open conversation. */
    private List<Line> unseen(HistoryPage page) {
        Set<NodeId> hidden = ignored.get();
        List<ChatEvent.Renamed> said = page.renames().stream().filter(r -> RenameNotices.saidIn(current, r, hidden)).toList();
        return unseen(new HistoryPage(page.messages(), said).inOrder());
    }

    /** The lines of the messages and renames not shown yet (marking them shown), and how far back the messages reach. */
    private List<Line> unseen(List<ChatEvent> events) {
        List<Line> lines = new ArrayList<>();
        for (ChatEvent e : events) {
            if (e instanceof ChatEvent.Message message && shown.add(message.message().id())) {
                MessageView m = message.message();
                lines.add(line(m));
                oldestCursor = Math.min(oldestCursor, m.cursor());
                newestCursor = Math.max(newestCursor, m.cursor());
            } else if (e instanceof ChatEvent.Renamed r && shown.add(r.id())) {
                lines.add(RenameNotices.line(r, clock));
            }
        }
        return lines;
    }

    private void olderPage(long asked, HistoryPage page) {
        if (asked != generation) {
            return;
        }
        loadingOlder = false;
        exhausted = page.messages().size() < PAGE;
        List<Line> lines = unseen(page);
        if (!lines.isEmpty()) {
            view.prependLines(lines);
        }
        if (dividerAtTop) {
            dividerFollows(lines);
        }
    }

    private void historyFailed(long asked, Conversation conv, Throwable e) {
        LOG.warn("history of {} could not be read", conv.key(), e);
        if (asked == generation) {
            loadingFirst = false;
            loadingOlder = false;
            view.showStatus("could not read the history of " + label.apply(conv) + ": " + e.getMessage(), true);
        }
    }

    private Line line(MessageView m) {
        return new Line(Line.Kind.MESSAGE, m.id(), m.from(), ReplyText.when(m.ts(), clock), m.shownText(), m.own(),
                m.heldBack(), m.mention(), m.cursor(), m.action());
    }
}

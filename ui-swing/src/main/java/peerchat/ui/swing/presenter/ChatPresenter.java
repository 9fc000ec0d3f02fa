package peerchat.ui.swing.presenter;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.GroupView;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;
import peerchat.store.event.GroupName;
import peerchat.store.event.NodeId;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The window's logic without Swing: which conversations exist and what is unread in each, the
 * transcript of the current one (paged from the log, one page at a time, so a conversation of any
 * length opens at once), its members, what the searches show, and whose messages are hidden
 * ({@code -ignore}: the transcript is read again when that changes), and who is called what
 * ({@code -nick}: every name shown follows, and the transcript says so). What is unread outlives the
 * window: it keeps, per conversation, the newest message the user has seen there ({@link ReadMarks},
 * saved by the window), and at start counts what came after it.
 *
 * <p>A message is seen when it is shown in the open conversation while the window is active (in
 * front): one that comes while the window is elsewhere is seen when the user comes back to it, and
 * is still unread after a restart if they never did (the title already counts it as unread).
 *
 * <p>A conversation without a mark of its own: see {@link SeenMarks}.
 *
 * <p>Threading: every method runs on the UI thread, and everything that comes back from the node
 * (events, replies, history pages) is moved onto it with {@code ui} before it touches the state.
 * Nothing here blocks: the node's queries answer from memory, history comes back as a {@link Mono}.
 */
public final class ChatPresenter {
    /** Messages fetched per page of history: enough to fill a tall window. */
    public static final int PAGE = 100;

    /**
     * At start, at most this many of the newest messages are read to find what is unread: a huge
     * backlog does not hold the start up; a conversation whose mark is further back than that
     * shows the count it has among them as a floor ({@code 20000+}).
     */
    public static final int UNREAD_SCAN_LIMIT = 20_000;
    /** Messages per read of that scan. */
    static final int UNREAD_SCAN_PAGE = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(ChatPresenter.class);
    /** The commands that change whose messages are hidden. */
    private static final Set<String> HIDING = Set.of("ignore", "unignore");
    /** The command that takes a user out of the lists ({@code -forget}); no event tells it, the answer does. */
    private static final String FORGETTING = "forget";
    /**
     * The commands whose news comes on the event stream too, in its place among the messages
     * ({@link ChatEvent.Renamed}): their answer goes to the status line only, not twice in the transcript.
     */
    private static final Set<String> TOLD_BY_EVENTS = Set.of("nick");

    private final Node node;
    private final ChatView view;
    private final Scheduler ui;
    private final Clock clock;
    private final ZoneId zone;
    private Disposable events = Disposables.disposed();
    /** Set by {@link #stop()}: answers still on their way are dropped, the view is gone. */
    private boolean stopped;

    /** Direct conversations seen or opened this session, in order of appearance. */
    private final Set<Conversation> directs = new LinkedHashSet<>();
    private final Unread unread = new Unread();
    /** How many were unread in the conversation just opened: its first page marks where they begin. */
    private int unreadWhenOpened;
    /** That count is a floor. */
    private boolean atLeastWhenOpened;
    /** The read mark of the conversation just opened, when it was opened: the divider goes before the first message after it. */
    private long seenWhenOpened;

    /** Per conversation, the newest message seen there (see the class comment). */
    private final SeenMarks marks;
    /** Messages up to this cursor were in the log at start: the start counts them, not the live stream. */
    private long loggedAtStart = Long.MIN_VALUE;
    /** The start is still reading the log for what is unread: the first page waits, to show where that begins. */
    private boolean counting;
    private Runnable heldPage;

    private Conversation current;
    /** Bumped when the conversation changes, so pages that arrive for the old one are dropped. */
    private long generation;
    private final Set<String> shown = new HashSet<>();
    private long oldestCursor = Long.MAX_VALUE;
    private long newestCursor = Long.MIN_VALUE;
    /** The window's own lines in the open conversation, kept in place when it is read again. */
    private final Notices notices = new Notices();
    private boolean exhausted;
    private boolean loadingFirst;
    private boolean loadingOlder;
    /** Live messages of the current conversation that came while its first page was loading. */
    private final List<MessageView> pending = new ArrayList<>();

    /**
     * Conversations this presenter opened on the node whose {@link ChatEvent.Opened} has not come
     * back yet. Those echoes are not followed: after a quick A-then-B the late echo of A would
     * otherwise switch back to A, and the two would chase each other for ever.
     */
    private final List<Conversation> echoes = new ArrayList<>();

    private String groupQuery = "";
    private String userQuery = "";
    private List<ConversationItem> conversationItems = List.of();
    private boolean windowActive = true;
    /** Messages of the open conversation that came while the window was elsewhere. */
    private int unseenHere;
    private String shownTitle;
    /** The users whose messages the node hides, as last shown: a change reloads the transcript. */
    private Set<NodeId> ignored = Set.of();

    /** A presenter that keeps nothing from earlier runs: nothing already in the log at start is unread. */
    public ChatPresenter(Node node, ChatView view, Scheduler ui, Clock clock) {
        this(node, view, ui, clock, ReadMarks.NONE, () -> {
        });
    }

    /**
     * @param saved       what the user had read when the window last closed (or last saved it)
     * @param readChanged runs on the UI thread whenever {@link #readMarks()} moves, to save them
     */
    public ChatPresenter(Node node, ChatView view, Scheduler ui, Clock clock, ReadMarks saved, Runnable readChanged) {
        this.node = node;
        this.view = view;
        this.ui = ui;
        this.clock = clock;
        this.zone = clock.getZone();
        this.marks = new SeenMarks(saved, readChanged);
    }

    /**
     * Subscribes to the node's events, counts what came since the user last looked, and shows its
     * current conversation. Call once, on the UI thread.
     */
    public void start() {
        events = node.events().publishOn(ui).subscribe(this::onEvent,
                e -> LOG.error("the node's event stream failed", e));
        // Read after subscribing: every message after it comes as an event.
        long end = node.historySize() - 1;
        loggedAtStart = end;
        marks.start(end);
        ignored = ignoredNow();
        refreshGroups();
        refreshUsers();
        countUnread(end);
        select(node.current());
        findDirectConversations();
    }

    /**
     * What the user has read, to keep for the next run. A conversation the window met with
     * something unread has its mark even if never opened; any other had nothing unread up to
     * {@code end}, so at the next start it counts what came after {@code end}.
     */
    public ReadMarks readMarks() {
        return marks.readMarks();
    }

    /** The open conversation, as far as it is shown, is seen if the window is in front. */
    private void currentSeen() {
        if (windowActive && current != null && !loadingFirst && newestCursor != Long.MIN_VALUE) {
            marks.seenUpTo(current, newestCursor);
        }
    }

    /**
     * Reads the log after the oldest mark (but no more than {@link #UNREAD_SCAN_LIMIT} of its newest
     * messages), page by page as the node reads them off the UI thread, and counts per conversation
     * the messages of others after its mark (the node leaves out those of users ignored); the counts
     * appear all at once when done, and the open conversation's first page waits for them to show
     * where its unread begin.
     */
    private void countUnread(long end) {
        long from = Math.max(marks.oldest(), end - UNREAD_SCAN_LIMIT);
        if (from >= end) {
            return;
        }
        counting = true;
        countPage(from, from, end, new Unread());
    }

    private void countPage(long after, long from, long end, Unread found) {
        whenDone(node.historyAfter(after, UNREAD_SCAN_PAGE), page -> {
            long last = after;
            for (MessageView m : page) {
                if (m.cursor() > end) {
                    break;
                }
                last = m.cursor();
                Conversation c = m.conversation();
                if (!m.own() && m.cursor() > marks.of(c)) {
                    found.add(c, m.fromId(), m.mention());
                    if (marks.of(c) < from) {
                        found.mayBeMore(c);
                    }
                }
            }
            boolean more = page.size() == UNREAD_SCAN_PAGE && page.get(page.size() - 1).cursor() < end;
            if (more) {
                countPage(last, from, end, found);
            } else {
                counted(found);
            }
        }, e -> {
            LOG.warn("the log could not be read for what is unread", e);
            counted(found);
        });
    }

    private void counted(Unread found) {
        counting = false;
        found.forget(ignored);
        for (Conversation c : List.copyOf(found.conversations())) {
            marks.met(c);
            if (c instanceof Conversation.Direct) {
                directs.add(c);
            }
            if (c.equals(current)) {
                unreadWhenOpened += found.count(c);
                atLeastWhenOpened |= found.atLeast(c);
            } else {
                unread.addAll(c, found);
            }
        }
        publishConversations();
        Runnable page = heldPage;
        heldPage = null;
        if (page != null) {
            page.run();
        }
    }

    /**
     * The node has no list of direct conversations, so ask the log, one message per known user,
     * which ones have any: after a restart they are in the sidebar again, not only once a new
     * message comes.
     */
    private void findDirectConversations() {
        for (UserView u : node.users()) {
            if (u.self()) {
                continue;
            }
            Conversation c = new Conversation.Direct(u.id());
            whenDone(node.history(c, 1), page -> {
                if (!page.isEmpty() && directs.add(c)) {
                    publishConversations();
                }
            }, e -> LOG.warn("history of {} could not be read", c.key(), e));
        }
    }

    /** Stops listening to the node; the node itself is left to whoever started it. */
    public void stop() {
        stopped = true;
        events.dispose();
    }

    /**
     * Runs {@code then} on the UI thread with what {@code answer} gives, unless the presenter was
     * stopped meanwhile. One-shot answers are not kept: a long session sends many commands.
     */
    private <T> void whenDone(Mono<T> answer, Consumer<T> then, Consumer<Throwable> failed) {
        answer.publishOn(ui).subscribe(v -> {
            if (!stopped) {
                then.accept(v);
            }
        }, e -> {
            if (!stopped) {
                failed.accept(e);
            }
        });
    }

    // ---------------------------------------------------------------- conversations

    public Conversation current() {
        return current;
    }

    /** Opens a conversation: it becomes the node's current one, its unread count is cleared. */
    public void select(Conversation conversation) {
        if (conversation.equals(current)) {
            return;
        }
        current = conversation;
        if (conversation instanceof Conversation.Direct) {
            directs.add(conversation);
        }
        marks.met(conversation);
        seenWhenOpened = marks.of(conversation);
        atLeastWhenOpened = unread.atLeast(conversation);
        unreadWhenOpened = unread.clear(conversation);
        if (!conversation.equals(node.current())) {
            echoes.add(conversation);
            node.open(conversation);
        }
        notices.clear();
        view.showTranscript(List.of());
        publishConversations();
        publishMembers();
        loadLastPage();
    }

    /**
     * Reads the current conversation's last page; it replaces what is shown when it comes. Pages
     * asked for before are dropped when they arrive, live messages wait for it.
     */
    private void loadLastPage() {
        generation++;
        shown.clear();
        pending.clear();
        oldestCursor = Long.MAX_VALUE;
        newestCursor = Long.MIN_VALUE;
        exhausted = false;
        loadingOlder = false;
        loadingFirst = true;
        long asked = generation;
        Conversation conv = current;
        whenDone(node.history(conv, PAGE), page -> firstPage(asked, page), e -> historyFailed(asked, conv, e));
    }

    /** The conversation at {@code index} of the sidebar, if there is one. */
    public void selectIndex(int index) {
        if (index >= 0 && index < conversationItems.size()) {
            select(conversationItems.get(index).conversation());
        }
    }

    /** The next ({@code +1}) or previous ({@code -1}) conversation of the sidebar, wrapping around. */
    public void selectRelative(int step) {
        int n = conversationItems.size();
        if (n == 0) {
            return;
        }
        int at = indexOf(current);
        selectIndex(Math.floorMod(at + step, n));
    }

    public void openDirect(NodeId peer) {
        if (!peer.equals(node.self().id())) {
            select(new Conversation.Direct(peer));
        }
    }

    public void openGroup(String group) {
        select(new Conversation.Group(new GroupName(group)));
    }

    // ---------------------------------------------------------------- transcript

    /** The user scrolled to the top: fetch the page before the oldest message shown. */
    public void loadOlder() {
        if (loadingFirst || loadingOlder || exhausted || oldestCursor == Long.MAX_VALUE) {
            return;
        }
        loadingOlder = true;
        long asked = generation;
        Conversation conv = current;
        whenDone(node.historyBefore(conv, oldestCursor, PAGE), page -> olderPage(asked, page),
                e -> historyFailed(asked, conv, e));
    }

    /** Whether every message of the current conversation is loaded. */
    public boolean atBeginning() {
        return exhausted;
    }

    private void firstPage(long asked, List<MessageView> page) {
        if (asked != generation) {
            return;
        }
        if (counting) {
            heldPage = () -> firstPage(asked, page);
            return;
        }
        loadingFirst = false;
        exhausted = page.size() < PAGE;
        List<Line> lines = unseen(page);
        notices.pageCame(newestCursor);
        lines.addAll(unseen(pending));
        pending.clear();
        markUnread(lines, unreadWhenOpened, atLeastWhenOpened, seenWhenOpened);
        view.showTranscript(notices.placedAmong(lines));
        currentSeen();
    }

    /**
     * If {@code unread} were counted while the conversation was elsewhere (or since the last run),
     * a divider saying so before the first message of others after the mark it had when opened; at
     * the top if the page does not reach back so far.
     */
    private static void markUnread(List<Line> lines, int unread, boolean atLeast, long seenBefore) {
        if (unread <= 0) {
            return;
        }
        for (int at = 0; at < lines.size(); at++) {
            Line l = lines.get(at);
            if (l.kind() == Line.Kind.MESSAGE && !l.own() && l.cursor() > seenBefore) {
                lines.add(at, Line.divider(unread, atLeast));
                return;
            }
        }
    }

    /** The lines of the messages not shown yet (marking them shown), and how far back they reach. */
    private List<Line> unseen(List<MessageView> messages) {
        List<Line> lines = new ArrayList<>();
        for (MessageView m : messages) {
            if (shown.add(m.id())) {
                lines.add(line(m));
                oldestCursor = Math.min(oldestCursor, m.cursor());
                newestCursor = Math.max(newestCursor, m.cursor());
            }
        }
        return lines;
    }

    private void olderPage(long asked, List<MessageView> page) {
        if (asked != generation) {
            return;
        }
        loadingOlder = false;
        exhausted = page.size() < PAGE;
        List<Line> lines = unseen(page);
        if (!lines.isEmpty()) {
            view.prependLines(lines);
        }
    }

    private void historyFailed(long asked, Conversation conv, Throwable e) {
        LOG.warn("history of {} could not be read", conv.key(), e);
        if (asked == generation) {
            loadingFirst = false;
            loadingOlder = false;
            view.showStatus("could not read the history of " + label(conv) + ": " + e.getMessage(), true);
        }
    }

    private Line line(MessageView m) {
        return new Line(Line.Kind.MESSAGE, m.id(), m.from(), ReplyText.when(m.ts(), clock), m.shownText(), m.own(),
                m.heldBack(), m.mention(), m.cursor(), m.action());
    }

    // ---------------------------------------------------------------- commands

    /** Tab in the compose box: other users' labels and the groups, as the node knows them now. */
    public Completion complete(String text, int caret) {
        List<String> users = node.users().stream().filter(u -> !u.self()).map(UserView::label).collect(Collectors.toList());
        List<String> groups = node.groups().stream().map(GroupView::name).collect(Collectors.toList());
        Completion c = Completion.of(text, caret, users, groups);
        if (!c.choices().isEmpty()) {
            view.showStatus(String.join("  ", c.choices()), false);
        }
        return c;
    }

    /**
     * What the user typed in the compose box: a command of the shared table ({@code -creategroup x},
     * {@code -delay 2 hi}, ...) or a message; plain text goes to the current conversation.
     */
    public void submit(String text) {
        String line = text.strip();
        if (line.isEmpty()) {
            return;
        }
        run(line, reply -> {
        });
    }

    public void createGroup(String group) {
        if (!validGroup(group)) {
            return;
        }
        String name = group.strip();
        run("-creategroup " + name, reply -> openGroup(name));
    }

    public void joinGroup(String group) {
        if (!validGroup(group)) {
            return;
        }
        String name = group.strip();
        run("-joingroup " + name, reply -> openGroup(name));
    }

    public void leaveGroup(String group) {
        if (validGroup(group)) {
            run("-leavegroup " + group.strip(), reply -> {
            });
        }
    }

    /** The group the Leave action applies to: the current conversation if it is a group but {@code all}. */
    public Optional<String> leavableGroup() {
        if (current instanceof Conversation.Group g && !g.name().isAll()) {
            return Optional.of(g.name().value());
        }
        return Optional.empty();
    }

    /** Hides {@code user}'s messages ({@code -ignore}): the user list's menu. */
    public void ignore(NodeId user) {
        onUser(user, "-ignore @");
    }

    /** Shows {@code user}'s messages again, the past ones too ({@code -unignore}). */
    public void unignore(NodeId user) {
        onUser(user, "-unignore @");
    }

    /** Drops {@code user}, gone for good, from the lists and from what this node sends ({@code -forget}): the user list's menu. */
    public void forget(NodeId user) {
        onUser(user, "-forget @");
    }

    /**
     * Takes another display name ({@code -nick}): the window's Change name… dialog. The node checks
     * it; why it cannot be is an error in the status line, as for the command typed.
     */
    public void changeName(String name) {
        run("-nick " + (name == null ? "" : name.strip()), reply -> {
        });
    }

    /** The name this node's user goes by now (the node has a new one before it tells of it). */
    public String myName() {
        return node.self().name();
    }

    /** Says {@code user}'s id in full ({@code -id}), to compare with the one their own window shows. */
    public void showId(NodeId user) {
        onUser(user, "-id @");
    }

    private void onUser(NodeId user, String command) {
        Optional<UserView> u = node.user(user);
        if (u.isEmpty()) {
            view.showStatus("no such user: " + user.shortForm(), true);
            return;
        }
        run(command + u.get().label(), reply -> {
        });
    }

    private boolean validGroup(String group) {
        if (group == null || !GroupName.isValid(group.strip())) {
            view.showStatus("a group name is 1-" + GroupName.MAX_LENGTH
                    + " letters, digits, '_' or '-', starting with a letter or digit", true);
            return false;
        }
        return true;
    }

    private void run(String line, Consumer<Reply.Result> onSuccess) {
        // execute() never errors by contract; should it, the user still gets a line, not silence.
        whenDone(node.execute(line), reply -> onReply(reply, onSuccess),
                e -> view.showStatus(line + ": " + e.getMessage(), true));
    }

    private void onReply(Reply reply, Consumer<Reply.Result> onSuccess) {
        if (reply instanceof Reply.Error error) {
            view.showStatus(error.message(), true);
            return;
        }
        Reply.Result result = (Reply.Result) reply;
        if (result instanceof Reply.Quit) {
            view.close();
            return;
        }
        String text = ReplyText.of(result, zone);
        view.showStatus(firstLine(text), false);
        if (!text.isEmpty() && !TOLD_BY_EVENTS.contains(result.command())) {
            notice(text);
        }
        refreshGroups();
        if (HIDING.contains(result.command())) {
            hiddenMayHaveChanged();
        }
        if (FORGETTING.equals(result.command())) {
            refreshUsers();
        }
        onSuccess.accept(result);
    }

    /** A line from the window to its user at the end of the transcript, kept there if it is read again. */
    private void notice(String text) {
        Line line = Line.notice(ReplyText.time(clock.millis(), zone), text);
        notices.add(line, loadingFirst, newestCursor);
        view.appendLine(line);
    }

    /**
     * After {@code -ignore} or {@code -unignore}: if whose messages are hidden changed, the lists
     * show it, what the newly ignored wrote stops counting as unread, and the transcript is read
     * again, so their lines go at once (or come back, the past ones too).
     */
    private void hiddenMayHaveChanged() {
        Set<NodeId> now = ignoredNow();
        if (now.equals(ignored)) {
            return;
        }
        Set<NodeId> newly = new HashSet<>(now);
        newly.removeAll(ignored);
        ignored = now;
        unread.forget(newly);
        refreshUsers();
        unreadWhenOpened = 0;
        atLeastWhenOpened = false;
        loadLastPage();
    }

    private Set<NodeId> ignoredNow() {
        return node.users().stream().filter(UserView::ignored).map(UserView::id).collect(Collectors.toSet());
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    // ---------------------------------------------------------------- searches

    public void searchGroups(String query) {
        groupQuery = query == null ? "" : query;
        publishGroups();
    }

    public void searchUsers(String query) {
        userQuery = query == null ? "" : query;
        publishUsers();
    }

    // ---------------------------------------------------------------- events

    /** One event from the node, already on the UI thread. */
    public void onEvent(ChatEvent event) {
        if (stopped) {
            return;
        }
        if (event instanceof ChatEvent.Message message) {
            onMessage(message.message());
        } else if (event instanceof ChatEvent.Opened opened) {
            if (!echoes.remove(opened.conversation())) {
                select(opened.conversation());
            }
        } else if (event instanceof ChatEvent.PeerUp || event instanceof ChatEvent.PeerDown) {
            refreshUsers();
        } else if (event instanceof ChatEvent.Renamed renamed) {
            onRenamed(renamed);
        } else if (event instanceof ChatEvent.HeldBack held) {
            // In whatever conversation is open: the silence it explains may be anywhere.
            view.showStatus(firstLine(held.text()), false);
            notice(held.text());
        } else if (event instanceof ChatEvent.Warning warning) {
            view.showStatus(warning.text(), true);
            notice("warning: " + warning.text());
        } else if (event instanceof ChatEvent.Left left) {
            refreshGroups();
            if (current instanceof Conversation.Group g && g.name().value().equals(left.group())
                    && !node.myGroups().contains(left.group())) {
                select(Conversation.all());
            }
        } else {
            refreshGroups();
        }
    }

    /**
     * Someone took another name: the lists show it (a direct conversation's entry and heading are
     * its peer's label), the title follows this user's own, and the open conversation says so in a
     * line, as the event comes in its causal place among the messages; not for someone ignored.
     */
    private void onRenamed(ChatEvent.Renamed renamed) {
        UserView u = renamed.user();
        refreshUsers();
        if (u.self()) {
            notice("you are now known as " + u.name());
        } else if (!u.ignored() && !ignored.contains(u.id())) {
            notice(renamed.was() + " is now known as " + u.label());
        }
    }

    private void onMessage(MessageView m) {
        marks.known(m.cursor());
        if (ignored.contains(m.fromId())) {
            // Emitted before the -ignore took effect and still on its way: hidden as the rest.
            return;
        }
        Conversation conv = m.conversation();
        boolean newDirect = conv instanceof Conversation.Direct && directs.add(conv);
        if (conv.equals(current)) {
            if (loadingFirst) {
                pending.add(m);
            } else if (shown.add(m.id())) {
                oldestCursor = Math.min(oldestCursor, m.cursor());
                newestCursor = Math.max(newestCursor, m.cursor());
                view.appendLine(line(m));
                currentSeen();
            }
            if (!windowActive && !m.own()) {
                unseenHere++;
                publishTitle();
            }
            if (newDirect) {
                publishConversations();
            }
            return;
        }
        // One logged before the start (its event was on its way) is counted by the start's reading.
        if (!m.own() && m.cursor() > loggedAtStart) {
            unread.add(conv, m.fromId(), m.mention());
            marks.met(conv);
        }
        publishConversations();
    }

    public int unread(Conversation conversation) {
        return unread.count(conversation);
    }

    /**
     * The window gained or lost the focus. While it is elsewhere, messages in the open
     * conversation are unread too, so that the title can say something came (the taskbar shows
     * the title); looking at the window again reads them.
     */
    public void windowActive(boolean active) {
        windowActive = active;
        if (active) {
            unseenHere = 0;
            currentSeen();
        }
        publishTitle();
    }

    /** {@code (3) ann@host:port}: unread messages everywhere, before the node's name, as mail and chat programs do. */
    private void publishTitle() {
        int total = unread.total() + unseenHere;
        String count = total + (unread.anyAtLeast() ? "+" : "");
        String title = (total > 0 ? "(" + count + ") " : "") + myName() + "@" + node.self().listen();
        if (!title.equals(shownTitle)) {
            shownTitle = title;
            view.showTitle(title);
        }
    }

    // ---------------------------------------------------------------- what the view shows

    private void refreshGroups() {
        publishConversations();
        publishGroups();
        publishMembers();
    }

    private void refreshUsers() {
        publishUsers();
        publishMembers();
        publishConversations();
    }

    private void publishConversations() {
        List<ConversationItem> items = new ArrayList<>();
        Set<Conversation> listed = new HashSet<>();
        Set<NodeId> online = node.users().stream().filter(UserView::online).map(UserView::id).collect(Collectors.toSet());
        for (String g : node.myGroups()) {
            Conversation c = new Conversation.Group(new GroupName(g));
            if (listed.add(c)) {
                items.add(item(c, online));
            }
        }
        // A group opened but not (yet) joined, or one with unread messages, stays visible.
        for (Conversation c : allKnown()) {
            if (c instanceof Conversation.Group && listed.add(c)) {
                items.add(item(c, online));
            }
        }
        for (Conversation c : directs) {
            if (listed.add(c)) {
                items.add(item(c, online));
            }
        }
        conversationItems = List.copyOf(items);
        view.showConversations(conversationItems, indexOf(current));
        publishTitle();
    }

    private ConversationItem item(Conversation c, Set<NodeId> online) {
        NodeId peer = c instanceof Conversation.Direct d ? d.peer() : null;
        return new ConversationItem(c, label(c), unread(c), unread.mentioned(c), peer != null && !online.contains(peer),
                peer != null && ignored.contains(peer), unread.atLeast(c));
    }

    private List<Conversation> allKnown() {
        List<Conversation> out = new ArrayList<>();
        if (current != null) {
            out.add(current);
        }
        unread.conversations().stream().sorted((a, b) -> a.key().compareTo(b.key())).forEach(out::add);
        return out;
    }

    private int indexOf(Conversation conversation) {
        for (int i = 0; i < conversationItems.size(); i++) {
            if (conversationItems.get(i).conversation().equals(conversation)) {
                return i;
            }
        }
        return -1;
    }

    private void publishGroups() {
        Set<String> mine = Set.copyOf(node.myGroups());
        List<GroupItem> all = node.groups().stream()
                .map(g -> new GroupItem(g.name(), g.members().size(), mine.contains(g.name())))
                .collect(Collectors.toList());
        view.showGroups(Search.rank(all, GroupItem::name, groupQuery));
    }

    private void publishUsers() {
        List<UserItem> all = node.users().stream().map(ChatPresenter::item).collect(Collectors.toList());
        view.showUsers(Search.rank(all, UserItem::label, userQuery));
    }

    private void publishMembers() {
        if (current == null) {
            return;
        }
        if (current instanceof Conversation.Direct direct) {
            List<UserItem> two = new ArrayList<>();
            node.user(direct.peer()).map(ChatPresenter::item).ifPresent(two::add);
            node.user(node.self().id()).map(ChatPresenter::item).ifPresent(two::add);
            view.showMembers(label(current), two);
            return;
        }
        String group = ((Conversation.Group) current).name().value();
        Map<String, UserView> byLabel = node.users().stream()
                .collect(Collectors.toMap(UserView::label, Function.identity(), (a, b) -> a));
        List<String> labels = node.groups().stream().filter(g -> g.name().equals(group)).findFirst()
                .map(GroupView::members).orElse(List.of());
        List<UserItem> members = new ArrayList<>();
        for (String l : labels) {
            UserView u = byLabel.get(l);
            members.add(u != null ? item(u) : new UserItem(null, l, "", false, false, false));
        }
        // Online first, then by name: who can answer now is what people look for.
        members.sort((a, b) -> a.online() != b.online() ? (a.online() ? -1 : 1) : a.label().compareToIgnoreCase(b.label()));
        view.showMembers(label(current) + " · " + members.size(), members);
    }

    private static UserItem item(UserView u) {
        return new UserItem(u.id(), u.label(), u.address(), u.online(), u.self(), u.ignored());
    }

    /** {@code #group}, or {@code @label} of the peer (its short id until the node knows it). */
    public String label(Conversation conversation) {
        if (conversation instanceof Conversation.Direct direct) {
            return "@" + node.user(direct.peer()).map(UserView::label).orElse(direct.peer().shortForm());
        }
        return conversation.key();
    }
}

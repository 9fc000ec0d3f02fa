package peerchat.ui.swing.presenter;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.GroupView;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import peerchat.engine.api.UserView;
import peerchat.store.event.GroupName;
import peerchat.store.event.NodeId;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Scheduler;

/**
 * The window's logic without Swing: which conversations exist and what is unread in each, the
 * transcript of the current one (paged from the log, one page at a time, so a conversation of any
 * length opens at once), its members, what the searches show, and whose messages are hidden
 * ({@code -ignore}: the transcript is read again when that changes), and who is called what
 * ({@code -nick}: the lists follow, the transcript says who became whom in its place among the
 * messages, live and read from the history alike, and each line keeps the name it was written
 * under). What is unread outlives the window: it keeps, per conversation, the newest message the
 * user has seen there ({@link ReadMarks}, saved by the window), and at start counts what came after
 * it.
 *
 * <p>A message is seen when it is shown in the open conversation while the window is active (in
 * front): one that comes while the window is elsewhere is seen when the user comes back to it, and
 * is still unread after a restart if they never did (the title already counts it as unread).
 *
 * <p>A conversation without a mark of its own: see {@link SeenMarks}.
 *
 * <p>This class is the facade the window drives: it routes the node's events and the user's
 * gestures to its collaborators, each with one job: {@link UnreadScan} (the start's count),
 * {@link Transcript} (the open conversation), {@link Sidebar} (the lists), {@link Title},
 * {@link CommandAnswers} (a command and its answer), {@link Drafts} (what is typed and not sent, per
 * conversation), {@link HeldBackStatus} (the status line's word on messages held back), and
 * {@link Answers} (back onto the UI thread).
 *
 * <p>Threading: every method runs on the UI thread, and everything that comes back from the node
 * (events, replies, history pages) is moved onto it with {@code ui} before it touches the state.
 * Nothing here blocks: the node's queries answer from memory, history comes back as a
 * {@link reactor.core.publisher.Mono}.
 */
public final class ChatPresenter {
    /** Messages fetched per page of history: enough to fill a tall window. */
    public static final int PAGE = 100;

    /**
     * A conversation opened with up to this many unread opens where they begin, as chat programs
     * do: the pages back to there are read before it is shown, but no more than this many messages.
     * With more, it opens at the newest, the divider at the top of the lines loaded: a backlog of any
     * size still opens at once, and scrolling up reads on. Not more: the window lays out every line
     * loaded again for each one that comes (its lines wrap, so each is measured), and with thousands
     * loaded every new message costs a visible pause.
     */
    public static final int OPEN_AT_UNREAD = 1_000;

    /**
     * At start, at most this many of the newest messages are read to find what is unread: a huge
     * backlog does not hold the start up; a conversation whose mark is further back than that
     * shows the count it has among them as a floor ({@code 20000+}).
     */
    public static final int UNREAD_SCAN_LIMIT = 20_000;
    /** Messages per read of that scan. */
    static final int UNREAD_SCAN_PAGE = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(ChatPresenter.class);

    private final Node node;
    private final ChatView view;
    private final Scheduler ui;
    private Disposable events = Disposables.disposed();
    /** Its stop is the presenter's: answers still on their way, and events, are dropped, the view is gone. */
    private final Answers answers;

    private final Unread unread = new Unread();
    /** Per conversation, the newest message seen there (see the class comment). */
    private final SeenMarks marks;
    /** Messages up to this cursor were in the log at start: the start counts them, not the live stream. */
    private long loggedAtStart = Long.MIN_VALUE;
    private final UnreadScan scan;
    private final Title title;
    private final Transcript transcript;
    private final Sidebar sidebar;
    private final CommandAnswers commands;
    private final Drafts drafts = new Drafts();
    private final HeldBackStatus heldBack;

    /**
     * Conversations this presenter opened on the node whose {@link ChatEvent.Opened} has not come
     * back yet. Those echoes are not followed: after a quick A-then-B the late echo of A would
     * otherwise switch back to A, and the two would chase each other for ever.
     */
    private final List<Conversation> echoes = new ArrayList<>();

    /** The users whose messages the node hides, as last shown: a change reloads the transcript. */
    private Set<NodeId> ignored = Set.of();

    /**
     * Each user as last shown: when the node starts or stops telling them apart from someone of
     * the same name, their lines on screen under that name follow (see {@link #labelsMayHaveChanged}).
     */
    private Map<NodeId, UserView> labels = Map.of();

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
        this.answers = new Answers(ui);
        this.marks = new SeenMarks(saved, readChanged);
        this.scan = new UnreadScan(node, marks, answers);
        this.title = new Title(node, view, unread);
        this.transcript = new Transcript(node, view, answers, clock, marks, title::windowActive, scan::running,
                this::label, () -> ignored);
        this.sidebar = new Sidebar(node, view, answers, unread, title, this::current, () -> ignored);
        this.commands = new CommandAnswers(node, view, answers, clock.getZone(), transcript, sidebar,
                this::hiddenMayHaveChanged, this::labelsMayHaveChanged);
        this.heldBack = new HeldBackStatus(view);
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
        labels = labelsNow();
        sidebar.refreshGroups();
        sidebar.refreshUsers();
        scan.start(end, this::counted);
        select(node.current());
        sidebar.findDirectConversations();
    }

    /**
     * What the user has read, to keep for the next run. A conversation the window met with
     * something unread has its mark even if never opened; any other had nothing unread up to
     * {@code end}, so at the next start it counts what came after {@code end}.
     */
    public ReadMarks readMarks() {
        return marks.readMarks();
    }

    /**
     * The start's count is done: it appears in the lists all at once, and the open conversation's
     * first page, which waited for it, shows where its unread begin.
     */
    private void counted(Unread found) {
        found.forget(ignored);
        for (Conversation c : List.copyOf(found.conversations())) {
            marks.met(c);
            sidebar.addDirect(c);
            if (c.equals(current())) {
                transcript.unreadCame(found.count(c), found.atLeast(c));
            } else {
                unread.addAll(c, found);
            }
        }
        sidebar.publishConversations();
        transcript.countDone();
    }

    /** Stops listening to the node; the node itself is left to whoever started it. */
    public void stop() {
        answers.stop();
        events.dispose();
    }

    // ---------------------------------------------------------------- conversations

    public Conversation current() {
        return transcript.current();
    }

    /**
     * Opens a conversation: it becomes the node's current one, its unread count is cleared, and the
     * compose box holds its draft (the one left keeps what was typed there).
     */
    public void select(Conversation conversation) {
        if (conversation.equals(current())) {
            return;
        }
        String draft = drafts.switchTo(current(), conversation);
        sidebar.addDirect(conversation);
        marks.met(conversation);
        boolean atLeast = unread.atLeast(conversation);
        transcript.open(conversation, unread.clear(conversation), atLeast, marks.of(conversation));
        view.showDraft(draft);
        if (!conversation.equals(node.current())) {
            echoes.add(conversation);
            node.open(conversation);
        }
        sidebar.publishConversations();
        sidebar.publishMembers();
        transcript.loadLastPage();
    }

    /** The conversation at {@code index} of the sidebar, if there is one. */
    public void selectIndex(int index) {
        sidebar.at(index).ifPresent(this::select);
    }

    /** The next ({@code +1}) or previous ({@code -1}) conversation of the sidebar, wrapping around. */
    public void selectRelative(int step) {
        sidebar.relative(step).ifPresent(this::select);
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
        transcript.loadOlder();
    }

    /** Whether every message of the current conversation is loaded. */
    public boolean atBeginning() {
        return transcript.atBeginning();
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

    /** The compose box holds {@code text} now: the draft of the open conversation. */
    public void drafted(String text) {
        drafts.typed(text);
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
        commands.run(line, reply -> {
        }, () -> view.restoreCompose(text));
    }

    public void createGroup(String group) {
        if (!commands.validGroup(group)) {
            return;
        }
        String name = group.strip();
        commands.run("-creategroup " + name, reply -> openGroup(name));
    }

    public void joinGroup(String group) {
        if (!commands.validGroup(group)) {
            return;
        }
        String name = group.strip();
        commands.run("-joingroup " + name, reply -> openGroup(name));
    }

    public void leaveGroup(String group) {
        if (commands.validGroup(group)) {
            commands.run("-leavegroup " + group.strip(), reply -> {
            });
        }
    }

    /**
     * The group the menu's Leave ({@code Ctrl+L}) applies to: the open conversation if it is a group
     * this user is in, but {@code all}; none for one opened without joining it, or a direct
     * conversation (the window then disables the item). The Leave button under the Groups list acts
     * on that list's selection instead ({@link GroupItem#leavable()}).
     */
    public Optional<String> leavableGroup() {
        if (current() instanceof Conversation.Group g && !g.name().isAll()
                && node.myGroups().contains(g.name().value())) {
            return Optional.of(g.name().value());
        }
        return Optional.empty();
    }

    /** Hides {@code user}'s messages ({@code -ignore}): the user list's menu. */
    public void ignore(NodeId user) {
        commands.onUser(user, "-ignore @");
    }

    /** Shows {@code user}'s messages again, the past ones too ({@code -unignore}). */
    public void unignore(NodeId user) {
        commands.onUser(user, "-unignore @");
    }

    /** Drops {@code user}, gone for good, from the lists and from what this node sends ({@code -forget}): the user list's menu. */
    public void forget(NodeId user) {
        commands.onUser(user, "-forget @");
    }

    /**
     * Takes another display name ({@code -nick}): the window's Change name… dialog. The node checks
     * it; why it cannot be is an error in the status line, as for the command typed.
     */
    public void changeName(String name) {
        commands.run("-nick " + (name == null ? "" : name.strip()), reply -> {
        });
    }

    /** The name this node's user goes by now (the node has a new one before it tells of it). */
    public String myName() {
        return node.self().name();
    }

    /** Says {@code user}'s id in full ({@code -id}), to compare with the one their own window shows. */
    public void showId(NodeId user) {
        commands.onUser(user, "-id @");
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
        sidebar.refreshUsers();
        transcript.readAgain();
    }

    /**
     * A line keeps the name its sender wrote it under, as IRC clients and the terminal do: someone
     * who takes another name ({@code -nick}) is said to in a line of its own, and their lines above
     * it stay as they were. What still changes lines on screen is how the node tells apart users of
     * the same name ({@code bob@127.0.0.82}, by the rules of now, as a page read again would show
     * it): when a second {@code bob} comes (or takes the name), or goes (or is forgotten), the lines
     * the first wrote under {@code bob} take his new label where they are (the transcript is not read
     * again, which would throw a reader scrolled up back to the end). Lines under another name he had
     * before are left as they are.
     */
    private void labelsMayHaveChanged() {
        Map<NodeId, UserView> now = labelsNow();
        for (Map.Entry<NodeId, UserView> was : labels.entrySet()) {
            NodeId id = was.getKey();
            UserView is = now.get(id);
            if (is != null && !is.name().equals(was.getValue().name())) {
                continue; // their own new name: their lines keep the old one, the notice says who became whom
            }
            // Someone forgotten since is not listed: their lines go by the label the node keeps for them.
            String label = is != null ? is.label() : node.label(id);
            if (!label.equals(was.getValue().label())) {
                transcript.relabel(id, was.getValue().label(), label);
            }
        }
        labels = now;
    }

    private Map<NodeId, UserView> labelsNow() {
        return node.users().stream().collect(Collectors.toMap(UserView::id, u -> u));
    }

    private Set<NodeId> ignoredNow() {
        return node.users().stream().filter(UserView::ignored).map(UserView::id).collect(Collectors.toSet());
    }

    // ---------------------------------------------------------------- searches

    public void searchGroups(String query) {
        sidebar.searchGroups(query);
    }

    public void searchUsers(String query) {
        sidebar.searchUsers(query);
    }

    // ---------------------------------------------------------------- events

    /** One event from the node, already on the UI thread. */
    public void onEvent(ChatEvent event) {
        if (answers.stopped()) {
            return;
        }
        if (event instanceof ChatEvent.Message message) {
            onMessage(message.message());
        } else if (event instanceof ChatEvent.Opened opened) {
            if (!echoes.remove(opened.conversation())) {
                select(opened.conversation());
            }
        } else if (event instanceof ChatEvent.PeerUp || event instanceof ChatEvent.PeerDown) {
            // The groups list too: its member counts change as users come (back) or go.
            sidebar.refresh();
            labelsMayHaveChanged();
        } else if (event instanceof ChatEvent.Renamed renamed) {
            onRenamed(renamed);
        } else if (event instanceof ChatEvent.HeldBack held) {
            // In whatever conversation is open: the silence it explains may be anywhere.
            heldBack.told(held.text());
            transcript.notice(held.text());
        } else if (event instanceof ChatEvent.Released released) {
            // Where the notice that it waited went: the messages themselves may be elsewhere.
            heldBack.released();
            transcript.notice(released.text());
        } else if (event instanceof ChatEvent.Warning warning) {
            view.showStatus(warning.text(), true);
            transcript.notice("warning: " + warning.text());
        } else if (event instanceof ChatEvent.Left left) {
            onLeft(left.group());
        } else {
            sidebar.refreshGroups();
        }
    }

    /**
     * Someone took another name: the lists show it (a direct conversation's entry and heading are
     * its peer's label), the title follows this user's own, the lines on screen keep the name they
     * were written under (but those of anyone the node now tells apart from them differently), and
     * the open conversation says so in a line, as the event comes in its causal place among the
     * messages, where it is said ({@link RenameNotices#saidIn}: not for someone ignored).
     */
    private void onRenamed(ChatEvent.Renamed renamed) {
        sidebar.refreshUsers();
        labelsMayHaveChanged();
        transcript.renamed(renamed);
    }

    /**
     * Someone left {@code group}. If this user is out of it now (their own leave, from the button, the
     * menu or typed), what was unread there stops counting, so it leaves the conversations and the
     * title with its count; if it was open, {@code #all} is opened instead.
     */
    private void onLeft(String group) {
        Conversation left = new Conversation.Group(new GroupName(group));
        boolean out = !node.myGroups().contains(group);
        if (out) {
            unread.clear(left);
        }
        sidebar.refreshGroups();
        if (out && left.equals(current())) {
            select(Conversation.all());
        }
    }

    private void onMessage(MessageView m) {
        marks.known(m.cursor());
        if (ignored.contains(m.fromId())) {
            // Emitted before the -ignore took effect and still on its way: hidden as the rest.
            return;
        }
        Conversation conv = m.conversation();
        boolean newDirect = sidebar.addDirect(conv);
        if (conv.equals(current())) {
            transcript.message(m);
            title.cameHere(m.own());
            if (newDirect) {
                sidebar.publishConversations();
            }
            return;
        }
        // One to a group the user is no longer in (sent before they left, and still on its way when
        // they did) is not theirs to read: it is in the log, and shown if that group is open, but it
        // neither counts nor brings the group back into the list, as the start's count leaves out.
        if (conv instanceof Conversation.Group g && !node.myGroups().contains(g.name().value())) {
            return;
        }
        // One logged before the start (its event was on its way) is counted by the start's reading.
        if (!m.own() && m.cursor() > loggedAtStart) {
            unread.add(conv, m.fromId(), m.mention());
            marks.met(conv);
        }
        sidebar.publishConversations();
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
        title.windowActive(active);
        if (active) {
            transcript.markSeen();
        }
        title.publish();
    }

    /** {@code #group}, or {@code @label} of the peer (its short id until the node knows it). */
    public String label(Conversation conversation) {
        return sidebar.label(conversation);
    }
}

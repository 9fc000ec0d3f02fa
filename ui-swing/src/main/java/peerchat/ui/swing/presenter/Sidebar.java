package peerchat.ui.swing.presenter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.GroupView;
import peerchat.engine.api.Node;
import peerchat.engine.api.UserView;
import peerchat.store.event.GroupName;
import peerchat.store.event.NodeId;

/**
 * The lists beside the transcript, as the node knows them now: the conversations with what is
 * unread in each (the groups the user is in, any other open or with something unread, and the
 * direct conversations met but those with someone forgotten), all groups and all users as the
 * searches rank them, and the members of the open conversation. Each is shown again whole when what
 * it lists may have changed.
 *
 * <p>The conversations' order is a function of what the node knows, never of when the window met
 * them, so that {@code Ctrl+2} is the same conversation after a restart as before it: {@code #all},
 * the groups the user is in by name (as the node lists them), any other group open or with something
 * unread by name, then the direct conversations by their peer's label (case-insensitive, then by id).
 * Not the order in which the window met them: a restart meets them in another (the one open first,
 * those with something unread next, the rest as the log's answers come back), and the log could
 * tell the order of their first messages only by reading each conversation back to its beginning
 * (history is paged from the newest). A rename moves a conversation, as it moves the user in the
 * Users list.
 */
final class Sidebar {
    private static final Logger LOG = LoggerFactory.getLogger(Sidebar.class);

    /**
     * Every member list, a group's or a direct conversation's: "you" first, always in the same place
     * and found without reading; then who is online, since who can answer now is what people look
     * for; then by name.
     */
    private static final Comparator<UserItem> MEMBER_ORDER = Comparator.comparing((UserItem u) -> !u.self())
            .thenComparing(u -> !u.online())
            .thenComparing(UserItem::label, String.CASE_INSENSITIVE_ORDER);

    private final Node node;
    private final ChatView view;
    private final Answers answers;
    private final Unread unread;
    private final Title title;
    private final Supplier<Conversation> current;
    /** The users whose messages the node hides, as last shown. */
    private final Supplier<Set<NodeId>> ignored;

    /** Direct conversations seen or opened this session (listed in the order of the class comment). */
    private final Set<Conversation> directs = new HashSet<>();
    private String groupQuery = "";
    private String userQuery = "";
    private List<ConversationItem> conversationItems = List.of();

    Sidebar(Node node, ChatView view, Answers answers, Unread unread, Title title, Supplier<Conversation> current,
            Supplier<Set<NodeId>> ignored) {
        this.node = node;
        this.view = view;
        this.answers = answers;
        this.unread = unread;
        this.title = title;
        this.current = current;
        this.ignored = ignored;
    }

    /** Lists {@code conversation} from now on if it is a direct one; whether it is one not listed before. */
    boolean addDirect(Conversation conversation) {
        return conversation instanceof Conversation.Direct && directs.add(conversation);
    }

    /**
     * The node has no list of direct conversations, so ask the log, one message per known user,
     * which ones have any: after a restart they are in the sidebar again, not only once a new
     * message comes.
     */
    void findDirectConversations() {
        for (UserView u : node.users()) {
            if (u.self()) {
                continue;
            }
            Conversation c = new Conversation.Direct(u.id());
            answers.whenDone(node.history(c, 1), page -> {
                if (!page.isEmpty() && directs.add(c)) {
                    publishConversations();
                }
            }, e -> LOG.warn("history of {} could not be read", c.key(), e));
        }
    }

    /** The conversation at {@code index} of the list, if there is one. */
    Optional<Conversation> at(int index) {
        if (index >= 0 && index < conversationItems.size()) {
            return Optional.of(conversationItems.get(index).conversation());
        }
        return Optional.empty();
    }

    /** The conversation {@code step} entries from the current one, wrapping around; none in an empty list. */
    Optional<Conversation> relative(int step) {
        int n = conversationItems.size();
        if (n == 0) {
            return Optional.empty();
        }
        int at = indexOf(current.get());
        return at(Math.floorMod(at + step, n));
    }

    void searchGroups(String query) {
        groupQuery = query == null ? "" : query;
        publishGroups();
    }

    void searchUsers(String query) {
        userQuery = query == null ? "" : query;
        publishUsers();
    }

    /** Every list, after a command: what it changed may be in any of them (the view redraws only what differs). */
    void refresh() {
        publishConversations();
        publishGroups();
        publishUsers();
        publishMembers();
    }

    void refreshGroups() {
        publishConversations();
        publishGroups();
        publishMembers();
    }

    void refreshUsers() {
        publishUsers();
        publishMembers();
        publishConversations();
    }

    void publishConversations() {
        List<ConversationItem> items = new ArrayList<>();
        Set<Conversation> listed = new HashSet<>();
        List<UserView> users = node.users();
        Set<NodeId> known = users.stream().map(UserView::id).collect(Collectors.toSet());
        Set<NodeId> online = users.stream().filter(UserView::online).map(UserView::id).collect(Collectors.toSet());
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
        for (Conversation c : byLabel(directs)) {
            // Someone forgotten (-forget) leaves with their conversation, as from the user lists, until
            // they connect again; not while it is open or has something unread.
            boolean forgotten = !known.contains(((Conversation.Direct) c).peer());
            if (forgotten && !c.equals(current.get()) && unread.count(c) == 0) {
                continue;
            }
            if (listed.add(c)) {
                items.add(item(c, online));
            }
        }
        conversationItems = List.copyOf(items);
        view.showConversations(conversationItems, indexOf(current.get()));
        title.publish();
    }

    private ConversationItem item(Conversation c, Set<NodeId> online) {
        NodeId peer = c instanceof Conversation.Direct d ? d.peer() : null;
        return new ConversationItem(c, label(c), unread.count(c), unread.mentioned(c), peer != null && !online.contains(peer),
                peer != null && ignored.get().contains(peer), unread.atLeast(c));
    }

    private List<Conversation> allKnown() {
        Set<Conversation> known = new HashSet<>(unread.conversations());
        Conversation open = current.get();
        if (open != null) {
            known.add(open);
        }
        return known.stream().sorted(Comparator.comparing(Conversation::key)).collect(Collectors.toList());
    }

    /** Direct conversations by their peer's label as shown now, ties (a label the node has not told apart yet) by id. */
    private List<Conversation> byLabel(Set<Conversation> conversations) {
        return conversations.stream().sorted(Comparator.comparing(this::label, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(Conversation::key)).collect(Collectors.toList());
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
        List<UserItem> all = node.users().stream().map(Sidebar::item).collect(Collectors.toList());
        view.showUsers(Search.rank(all, UserItem::label, userQuery));
    }

    void publishMembers() {
        Conversation open = current.get();
        if (open == null) {
            return;
        }
        if (open instanceof Conversation.Direct direct) {
            List<UserItem> two = new ArrayList<>();
            node.user(direct.peer()).map(Sidebar::item).ifPresent(two::add);
            node.user(node.self().id()).map(Sidebar::item).ifPresent(two::add);
            two.sort(MEMBER_ORDER);
            view.showMembers(label(open), two);
            return;
        }
        String group = ((Conversation.Group) open).name().value();
        Map<String, UserView> byLabel = node.users().stream()
                .collect(Collectors.toMap(UserView::label, Function.identity(), (a, b) -> a));
        List<String> labels = node.groups().stream().filter(g -> g.name().equals(group)).findFirst()
                .map(GroupView::members).orElse(List.of());
        List<UserItem> members = new ArrayList<>();
        for (String l : labels) {
            UserView u = byLabel.get(l);
            members.add(u != null ? item(u) : new UserItem(null, l, "", false, false, false));
        }
        members.sort(MEMBER_ORDER);
        view.showMembers(label(open) + " · " + members.size(), members);
    }

    private static UserItem item(UserView u) {
        return new UserItem(u.id(), u.label(), u.address(), u.online(), u.self(), u.ignored());
    }

    /** {@code #group}, or {@code @label} of the peer (its short id until the node knows it). */
    String label(Conversation conversation) {
        if (conversation instanceof Conversation.Direct direct) {
            return "@" + node.label(direct.peer());
        }
        return conversation.key();
    }
}

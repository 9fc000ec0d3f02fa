package peerchat.ui.swing.presenter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
 */
final class Sidebar {
    private static final Logger LOG = LoggerFactory.getLogger(Sidebar.class);

    private final Node node;
    private final ChatView view;
    private final Answers answers;
    private final Unread unread;
    private final Title title;
    private final Supplier<Conversation> current;
    /** The users whose messages the node hides, as last shown. */
    private final Supplier<Set<NodeId>> ignored;

    /** Direct conversations seen or opened this session, in order of appearance. */
    private final Set<Conversation> directs = new LinkedHashSet<>();
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
        for (Conversation c : directs) {
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
        List<Conversation> out = new ArrayList<>();
        Conversation open = current.get();
        if (open != null) {
            out.add(open);
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
        // Online first, then by name: who can answer now is what people look for.
        members.sort((a, b) -> a.online() != b.online() ? (a.online() ? -1 : 1) : a.label().compareToIgnoreCase(b.label()));
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

package peerchat.engine.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.GroupView;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.UserView;
import peerchat.store.event.GroupName;
import peerchat.store.event.NodeId;

/**
 * Who is known and what names mean, at one moment: labels that tell users of the same name
 * apart, and the resolution of a written target ({@code #g}, {@code @u}, a bare name) into a
 * conversation. Pure and immutable: built from the membership projection for each question.
 */
final class Directory {
    /** {@code formerName}: the name before its last change, or null. */
    record User(NodeId id, String name, String address, boolean online, boolean self, String formerName) {
        User(NodeId id, String name, String address, boolean online, boolean self) {
            this(id, name, address, online, self, null);
        }
    }

    /** A target that did not resolve: {@code message} says why and what to write instead. */
    static final class Unresolved extends Exception {
        Unresolved(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<NodeId, User> users;
    private final Map<GroupName, SortedSet<NodeId>> groups;
    private final Map<NodeId, String> labels;
    private final String selfName;
    private final Set<NodeId> ignored;
    /** Users this node's user forgot ({@code -forget}), by id: named in the history, found nowhere else. */
    private final Map<NodeId, String> forgotten = new HashMap<>();

    /** {@code groups}: every group that exists, with its members (an empty set if everyone left). */
    Directory(List<User> users, Map<GroupName, ? extends Set<NodeId>> groups) {
        this(users, groups, Set.of(), List.of());
    }

    /**
     * {@code ignored}: the users whose messages this node's user hides; {@code forgotten}: the
     * users it forgot, in none of {@code users} or {@code groups}, whose messages still need a name.
     */
    Directory(List<User> users, Map<GroupName, ? extends Set<NodeId>> groups, Set<NodeId> ignored, List<User> forgotten) {
        this.ignored = Set.copyOf(ignored);
        this.users = new HashMap<>();
        users.forEach(u -> this.users.put(u.id(), u));
        this.groups = new HashMap<>();
        groups.forEach((g, members) -> this.groups.put(g, new TreeSet<>(members)));
        // everyone known is in all, whatever the events said
        this.groups.put(GroupName.ALL, new TreeSet<>(this.users.keySet()));
        this.labels = labelsOf(users);
        // The users listed are not told apart from them: forgetting an old identity is what gives a
        // name back to its new one. They are from the users listed, by their id, where the names
        // are the same: the old alice's lines in the history must not read as this alice's own.
        Set<String> listed = users.stream().map(u -> ShownName.keyOf(u.name())).collect(Collectors.toSet());
        forgotten.forEach(u -> {
            if (!this.users.containsKey(u.id())) {
                String name = ShownName.of(u.name());
                this.forgotten.put(u.id(), listed.contains(ShownName.key(name)) ? name + "#" + u.id().shortForm() : name);
            }
        });
        this.selfName = users.stream().filter(User::self).findFirst().map(u -> ShownName.of(u.name())).orElse("");
    }

    /** Whether a message names this node's user (its name as shown, not its label: people write "alice"). */
    boolean mentionsSelf(String text) {
        return mentions(text, selfName);
    }

    /** Whether a message names {@code shownName}. */
    static boolean mentions(String text, String shownName) {
        // An action's /me is not a word of its text: a user called "me" is not named by every action.
        return Mention.of(MessageView.shownText(text), shownName);
    }

    private static Map<NodeId, String> labelsOf(List<User> users) {
        Map<NodeId, String> shown = new HashMap<>();
        users.forEach(u -> shown.put(u.id(), ShownName.of(u.name())));
        Map<String, List<User>> byName = users.stream()
                .collect(Collectors.groupingBy(u -> ShownName.key(shown.get(u.id()))));
        Map<NodeId, String> labels = new HashMap<>();
        byName.values().forEach(same -> {
            if (same.size() == 1 && !ShownName.NOTHING_VISIBLE.equals(shown.get(same.get(0).id()))) {
                labels.put(same.get(0).id(), shown.get(same.get(0).id()));
                return;
            }
            Map<String, Long> hosts = same.stream().collect(Collectors.groupingBy(u -> host(u.address()), Collectors.counting()));
            for (User u : same) {
                String host = host(u.address());
                String name = shown.get(u.id());
                labels.put(u.id(), !host.isEmpty() && hosts.get(host) == 1 && same.size() > 1 ? name + "@" + host : name + "#" + u.id().shortForm());
            }
        });
        return labels;
    }

    /** The host of {@code address} ({@code host:port}), which tells users of one name apart; empty for none. */
    static String host(String address) {
        if (address == null) {
            return "";
        }
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }

    /**
     * The label {@code id} had under {@code formerName}, everyone else as now: what a rename notice
     * says they were, as it was shown (a bare former name can be someone else's label by now).
     */
    String labelUnder(NodeId id, String formerName) {
        List<User> before = users.values().stream()
                .map(u -> u.id().equals(id) ? new User(u.id(), formerName, u.address(), u.online(), u.self()) : u)
                .collect(Collectors.toList());
        return labelsOf(before).getOrDefault(id, label(id));
    }

    String label(NodeId id) {
        String label = labels.get(id);
        if (label == null) {
            label = forgotten.getOrDefault(id, id.shortForm());
        }
        return label;
    }

    /** Forgotten ({@code -forget}) and not known again since. */
    boolean forgotten(NodeId id) {
        return forgotten.containsKey(id);
    }

    /** The labels of the users forgotten, sorted. */
    List<String> forgotten() {
        return forgotten.values().stream().sorted(String.CASE_INSENSITIVE_ORDER).collect(Collectors.toList());
    }

    Optional<User> user(NodeId id) {
        return Optional.ofNullable(users.get(id));
    }

    /** Every user known and not forgotten: whom a name must be told apart from. */
    Collection<User> listed() {
        return Collections.unmodifiableCollection(users.values());
    }

    /** Linked to this node now; a user never met is not. */
    boolean online(NodeId id) {
        User u = users.get(id);
        return u != null && u.online();
    }

    /** A group exists once created, even when everyone has left it since: it can still be joined. */
    boolean groupExists(GroupName g) {
        return groups.containsKey(g);
    }

    SortedSet<NodeId> members(GroupName g) {
        return groups.getOrDefault(g, new TreeSet<>());
    }

    List<GroupName> groupsOf(NodeId id) {
        return groups.entrySet().stream().filter(e -> e.getValue().contains(id)).map(Map.Entry::getKey)
                .sorted(Comparator.comparing((GroupName g) -> !g.isAll()).thenComparing(GroupName::value))
                .collect(Collectors.toList());
    }

    UserView view(User u) {
        return new UserView(u.id(), u.name(), label(u.id()), u.address() == null ? "" : u.address(), u.online() || u.self(),
                u.self(), groupsOf(u.id()).stream().map(GroupName::value).collect(Collectors.toList()), ignored.contains(u.id()));
    }

    List<UserView> userViews() {
        return users.values().stream().map(this::view)
                .sorted(Comparator.comparing((UserView v) -> v.label().toLowerCase(Locale.ROOT)).thenComparing(v -> v.id().value()))
                .collect(Collectors.toList());
    }

    GroupView groupView(GroupName g) {
        return new GroupView(g.value(), members(g).stream().map(this::label).sorted(String.CASE_INSENSITIVE_ORDER).collect(Collectors.toList()));
    }

    List<GroupView> groupViews() {
        return groups.keySet().stream().filter(this::groupExists).sorted(Comparator.comparing((GroupName g) -> !g.isAll()).thenComparing(GroupName::value))
                .map(this::groupView).collect(Collectors.toList());
    }

    /**
     * What a written target names. {@code #g} is a group; {@code @u} a user (or a group of that
     * name when no user has it); a bare name the group if one has that name, else the user.
     */
    Conversation resolve(String written) throws Unresolved {
        if (written.startsWith("#")) {
            return new Conversation.Group(group(written.substring(1)));
        }
        boolean at = written.startsWith("@");
        String name = at ? written.substring(1) : written;
        List<User> matches = usersNamed(name);
        if (matches.size() > 1 && matches.stream().anyMatch(User::self)) {
            // Nobody writes to themselves: another of this user's name is the one meant.
            matches = matches.stream().filter(u -> !u.self()).collect(Collectors.toList());
        }
        Optional<GroupName> group = GroupName.isValid(name) && groupExists(new GroupName(name))
                ? Optional.of(new GroupName(name)) : Optional.empty();
        if (!at && group.isPresent()) {
            return new Conversation.Group(group.get());
        }
        // @name is the user of that name, a group of it too or not (a bare name was the group, and
        // #name is): with @ meaning the group as well, "@ben" could never reach ben. An id's prefix
        // is no name: there the group goes first.
        if (matches.size() == 1 && (group.isEmpty() || namedSo(matches.get(0), name))) {
            return new Conversation.Direct(matches.get(0).id());
        }
        if (matches.size() > 1) {
            throw new Unresolved("@" + name + " is ambiguous: write " + matches.stream().map(u -> "@" + label(u.id()))
                    .sorted().collect(Collectors.joining(" or ")));
        }
        if (group.isPresent()) {
            return new Conversation.Group(group.get());
        }
        throw new Unresolved("no user or group called " + name + renamedFrom(name) + forgottenAs(name));
    }

    /** Whether {@code written} is the name of a user forgotten: people will try. */
    private String forgottenAs(String written) {
        String key = ShownName.key(written);
        boolean any = forgotten.values().stream().anyMatch(name -> ShownName.key(name).equals(key));
        return any ? " (you forgot " + written + " with -forget: they are known again when they connect)" : "";
    }

    /** Who went by {@code written} before their last change of name, if anyone did: people write the name they knew. */
    private String renamedFrom(String written) {
        String key = ShownName.key(written);
        List<String> now = users.values().stream()
                .filter(u -> u.formerName() != null && ShownName.keyOf(u.formerName()).equals(key))
                .map(u -> "@" + label(u.id())).sorted().collect(Collectors.toList());
        return now.isEmpty() ? "" : " (" + written + " is now known as " + String.join(" or ", now) + ")";
    }

    /** The user written {@code @name} or {@code name}: never a group. */
    NodeId userOf(String written) throws Unresolved {
        if (written.startsWith("#")) {
            throw new Unresolved(written + " is a group: name a user (@name)");
        }
        Conversation c = resolve(written.startsWith("@") ? written : "@" + written);
        if (c instanceof Conversation.Direct d) {
            return d.peer();
        }
        throw new Unresolved("no user called " + written.replaceFirst("^@", "") + " (#" + ((Conversation.Group) c).name().value() + " is a group)");
    }

    /** Whether {@code written} is {@code u}'s label or name (as shown), not a prefix of its id. */
    private boolean namedSo(User u, String written) {
        return label(u.id()).equalsIgnoreCase(written) || ShownName.keyOf(u.name()).equals(ShownName.key(written));
    }

    /** A group name written as {@code g} or {@code #g}, whether or not such a group exists. */
    static GroupName groupName(String written) throws Unresolved {
        String name = written.startsWith("#") ? written.substring(1) : written;
        if (!GroupName.isValid(name)) {
            throw new Unresolved("not a group name: " + name + " (1-" + GroupName.MAX_LENGTH
                    + " letters, digits, '_' or '-', starting with a letter or digit)");
        }
        return new GroupName(name);
    }

    /** A group written as {@code g} or {@code #g} that must exist. */
    GroupName group(String written) throws Unresolved {
        GroupName g = groupName(written);
        if (!groupExists(g)) {
            throw new Unresolved("no group #" + g.value() + " (-creategroup " + g.value() + " creates it)");
        }
        return g;
    }

    /** Users a written name matches: by label, or by name, or by id prefix (at least 4 hex digits). */
    private List<User> usersNamed(String written) {
        String w = written.toLowerCase(Locale.ROOT);
        List<User> byLabel = users.values().stream().filter(u -> label(u.id()).toLowerCase(Locale.ROOT).equals(w)).collect(Collectors.toList());
        if (byLabel.size() == 1) {
            return byLabel;
        }
        // By what is shown: a name that only looks like the written one (an invisible character
        // added) is as much a match as the real one, so the answer is "ambiguous", not a guess.
        String key = ShownName.key(written);
        List<User> byName = users.values().stream().filter(u -> ShownName.keyOf(u.name()).equals(key)).collect(Collectors.toList());
        if (!byName.isEmpty()) {
            return byName;
        }
        if (w.length() >= 4 && w.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return users.values().stream().filter(u -> u.id().value().startsWith(w)).collect(Collectors.toList());
        }
        return new ArrayList<>();
    }

    /** How a conversation is written for people: {@code #g} or {@code @label}. */
    String written(Conversation c) {
        if (c instanceof Conversation.Group g) {
            return "#" + g.name().value();
        }
        return "@" + label(((Conversation.Direct) c).peer());
    }
}

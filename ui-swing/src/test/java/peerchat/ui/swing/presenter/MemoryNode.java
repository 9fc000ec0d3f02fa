package peerchat.ui.swing.presenter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.DisplayName;
import peerchat.engine.api.GroupView;
import peerchat.engine.api.HistoryPage;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeInfo;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;
import peerchat.store.event.GroupName;
import peerchat.store.event.NodeId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A hand-written in-memory {@link Node} for unit tests of the window's logic: one user's view of a
 * small world whose other users the test drives ({@link #receive}, {@link #peerUp}). It keeps the
 * API's promises the presenter relies on (history oldest first and paged by cursor, own messages
 * on the event stream, one reply per line) and answers synchronously, so tests are deterministic.
 * {@code -ignore @user} works as the node's does: their messages are still logged but neither
 * emitted nor in history or search (pages stay full of what is shown), until {@code -unignore}.
 * {@code -nick name} (and another user's {@link #rename}) works as the node's does too: the name is
 * checked ({@link DisplayName}), {@link ChatEvent.Renamed} is told on the stream, ignored or not,
 * and for this node's own user {@link #self()} has the new name by then, as the node's does; the
 * history keeps it among the messages ({@link #historyPageAfter}, under the names of its moment,
 * not for someone ignored or forgotten), and the messages under the label their sender had.
 * {@code -forget @user} too: someone offline leaves the users and the groups, their messages keep
 * their label ({@link #label}), until they come again ({@link #peerUp}).
 * {@code -waiting} answers as the node's does: what {@link #heldBack} told, or, before it and
 * after {@link #released}, the node's sentence for nothing held back.
 * The real node is exercised by the window's two-node tests.
 */
public final class MemoryNode implements Node {
    private NodeInfo self;
    private final Map<NodeId, UserView> users = new LinkedHashMap<>();
    private final Map<String, TreeSet<NodeId>> groups = new TreeMap<>();
    private final Map<Conversation, List<MessageView>> log = new LinkedHashMap<>();
    private final Set<NodeId> ignored = new HashSet<>();
    /** Users forgotten ({@code -forget}), with the label their messages keep. */
    private final Map<NodeId, String> forgotten = new HashMap<>();
    private final Sinks.Many<ChatEvent> events = Sinks.many().multicast().directBestEffort();
    private Conversation current = Conversation.all();
    /** The next message's position in delivery order, every conversation: 0, 1, 2... as the node's. */
    private long cursor;
    private Sinks.One<Boolean> gate;
    private Sinks.One<Boolean> afterGate;
    private long seq;
    /** What {@code -waiting} answers: empty when nothing is held back. */
    private String waiting = "";
    public final List<String> executed = new CopyOnWriteArrayList<>();
    public final List<String> historyCalls = new CopyOnWriteArrayList<>();
    /** The reads of {@link #historyPageAfter} (the window's, for the renames among a page). */
    public final List<String> pageCalls = new CopyOnWriteArrayList<>();
    /** The renames told, in their place among the messages (their cursors). */
    private final List<ChatEvent.Renamed> renames = new CopyOnWriteArrayList<>();

    public MemoryNode(String name, String hexId) {
        NodeId id = new NodeId(hexId);
        this.self = new NodeInfo(id, name, "127.0.0.1:7117");
        users.put(id, new UserView(id, name, name, "127.0.0.1:7117", true, true, List.of("all")));
        groups.put("all", new TreeSet<>(List.of(id)));
    }

    // ---------------------------------------------------------------- the test drives the world

    public UserView peerUp(String name, String hexId) {
        return peerUp(name, name, hexId);
    }

    /** As {@link #peerUp(String, String)}, shown as {@code label} (the node's, when another user has the same name). */
    public UserView peerUp(String name, String label, String hexId) {
        NodeId id = new NodeId(hexId);
        UserView u = new UserView(id, name, label, "127.0.0." + (users.size() + 1) + ":7117", true, false, List.of("all"));
        users.put(id, u);
        forgotten.remove(id);
        groups.get("all").add(id);
        events.tryEmitNext(new ChatEvent.PeerUp(u));
        return u;
    }

    /**
     * The user {@code id} took {@code name} ({@code -nick} on their node): what the node tells once
     * their message says so, with the user as shown now. For this node's own user, use {@code -nick}.
     */
    public UserView rename(NodeId id, String name) {
        return rename(id, name, name);
    }

    /** As {@link #rename(NodeId, String)}, shown as {@code label} (the node's, when another user has the same name). */
    public UserView rename(NodeId id, String name, String label) {
        UserView u = users.get(id);
        users.put(id, new UserView(u.id(), name, label, u.address(), u.online(), u.self(), u.groups()));
        UserView now = withGroups(users.get(id));
        // In its place: after the messages so far, before the next one's cursor.
        ChatEvent.Renamed told = new ChatEvent.Renamed(now, u.name(), id.value() + "-" + (++seq), 1_700_000_000_000L + seq * 1000, cursor);
        renames.add(told);
        events.tryEmitNext(told);
        return now;
    }

    /**
     * User {@code id} is shown as {@code label} from now on, untold: as the node's labels change
     * when another user comes by the same name, or takes it, and tell them apart.
     */
    public void relabel(NodeId id, String label) {
        UserView u = users.get(id);
        users.put(id, new UserView(u.id(), u.name(), label, u.address(), u.online(), u.self(), u.groups()));
    }

    /** What the node says when messages stay held back by causal order; {@code -waiting} says it too from now on. */
    public void heldBack(int messages, String text) {
        waiting = text;
        events.tryEmitNext(new ChatEvent.HeldBack(messages, text));
    }

    /** What the node says once nothing is held back any more, after a {@link #heldBack}; {@code -waiting} says so too from now on. */
    public void released() {
        waiting = "";
        events.tryEmitNext(new ChatEvent.Released("the messages held back have all arrived: nothing is held back any more"));
    }

    /** What the node says when the user should act (another node with this identity, say). */
    public void warning(String text) {
        events.tryEmitNext(new ChatEvent.Warning(text));
    }

    public void peerDown(NodeId id) {
        UserView u = users.get(id);
        UserView down = new UserView(u.id(), u.name(), u.label(), u.address(), false, false, u.groups());
        users.put(id, down);
        events.tryEmitNext(new ChatEvent.PeerDown(down, "test"));
    }

    public void peerJoins(NodeId id, String group) {
        groups.computeIfAbsent(group, g -> new TreeSet<>()).add(id);
        events.tryEmitNext(new ChatEvent.Joined(group, users.get(id).label()));
    }

    /** A message from another user delivered here. */
    public MessageView receive(NodeId from, Conversation conversation, String text) {
        return receive(from, conversation, text, false);
    }

    /** A message from another user that causal order held back, delivered now that what it follows came. */
    public MessageView receiveHeld(NodeId from, Conversation conversation, String text) {
        return receive(from, conversation, text, true);
    }

    private MessageView receive(NodeId from, Conversation conversation, String text, boolean heldBack) {
        UserView u = users.get(from);
        String to = conversation instanceof Conversation.Group g ? "#" + g.name().value() : "@" + self.name();
        MessageView m = new MessageView(from.value() + "-" + (++seq), from, u.label(), to, conversation, text,
                1_700_000_000_000L + seq * 1000, 1_700_000_000_000L + seq * 1000, false, heldBack,
                text.toLowerCase(Locale.ROOT).contains(self.name().toLowerCase(Locale.ROOT)), cursor++);
        log.computeIfAbsent(conversation, c -> new ArrayList<>()).add(m);
        if (!ignored.contains(from)) {
            events.tryEmitNext(new ChatEvent.Message(m));
        }
        return m;
    }

    /** Messages already in the log before the window opened: no events. */
    public void preload(NodeId from, Conversation conversation, int count) {
        UserView u = users.get(from);
        List<MessageView> list = log.computeIfAbsent(conversation, c -> new ArrayList<>());
        for (int i = 1; i <= count; i++) {
            list.add(new MessageView(from.value() + "-" + (++seq), from, u.label(), conversation.key(), conversation,
                    "message " + i, 1_700_000_000_000L + seq, 1_700_000_000_000L + seq, false, false, false, cursor++));
        }
    }

    /**
     * Holds the next {@link #history} answer back until the returned action runs, as a slow log
     * would; the page is read when it is released, so it includes what arrived meanwhile.
     */
    public Runnable holdNextHistory() {
        Sinks.One<Boolean> g = Sinks.one();
        gate = g;
        return () -> g.tryEmitValue(true);
    }

    /** As {@link #holdNextHistory()}, for the next {@link #historyAfter} (the window's count of what is unread at start). */
    public Runnable holdNextHistoryAfter() {
        Sinks.One<Boolean> g = Sinks.one();
        afterGate = g;
        return () -> g.tryEmitValue(true);
    }

    /** Own messages already in the log (sent by an earlier run): no events. */
    public void preloadOwn(Conversation conversation, String text) {
        long at = 1_700_000_000_000L + (++seq) * 1000;
        log.computeIfAbsent(conversation, c -> new ArrayList<>()).add(new MessageView(self.id().value() + "-" + seq,
                self.id(), self.name(), conversation.key(), conversation, text, at, at, true, false, false, cursor++));
    }

    // ---------------------------------------------------------------- Node

    @Override
    public NodeInfo self() {
        return self;
    }

    @Override
    public Flux<ChatEvent> events() {
        return events.asFlux();
    }

    @Override
    public Flux<ChatEvent> events(int recent) {
        return Flux.concat(history(current, recent).flatMapMany(Flux::fromIterable).map(ChatEvent.Message::new),
                events.asFlux());
    }

    @Override
    public Mono<Reply> execute(String line) {
        executed.add(line);
        return Mono.fromSupplier(() -> run(line));
    }

    private Reply run(String line) {
        String[] words = line.split("\\s+", 2);
        String arg = words.length > 1 ? words[1].strip() : "";
        switch (words[0]) {
            case "-creategroup":
                if (groups.containsKey(arg.toLowerCase())) {
                    return new Reply.Error("creategroup", "group " + arg + " exists: join it");
                }
                if (!GroupName.isValid(arg)) {
                    return new Reply.Error("creategroup", "not a group name: " + arg);
                }
                groups.put(arg.toLowerCase(), new TreeSet<>(List.of(self.id())));
                events.tryEmitNext(new ChatEvent.GroupCreated(arg.toLowerCase(), self.name()));
                return new Reply.Done("creategroup", "group " + arg + " created");
            case "-joingroup":
                if (!groups.containsKey(arg.toLowerCase())) {
                    return new Reply.Error("joingroup", "no group " + arg);
                }
                groups.get(arg.toLowerCase()).add(self.id());
                events.tryEmitNext(new ChatEvent.Joined(arg.toLowerCase(), self.name()));
                return new Reply.Done("joingroup", "joined #" + arg);
            case "-leavegroup":
                if (arg.equals("all") || !groups.containsKey(arg) || !groups.get(arg).remove(self.id())) {
                    return new Reply.Error("leavegroup", "you are not in a group " + arg + " you can leave");
                }
                events.tryEmitNext(new ChatEvent.Left(arg, self.name()));
                return new Reply.Done("leavegroup", "left #" + arg);
            case "-ignore":
                if (arg.isEmpty()) {
                    return new Reply.Done("ignore", ignored.isEmpty() ? "you ignore nobody (-ignore @user hides a user's messages)"
                            : "you ignore " + ignored.stream().map(id -> users.get(id).label()).sorted()
                            .collect(Collectors.joining(", ")) + " (-unignore @user shows theirs again)");
                }
                return ignore("ignore", arg, true);
            case "-unignore":
                if (arg.isEmpty()) {
                    return new Reply.Error("unignore", "missing argument: -unignore <@user>");
                }
                return ignore("unignore", arg, false);
            case "-forget":
                return forget(arg);
            case "-id":
                return users.values().stream().filter(v -> v.label().equalsIgnoreCase(arg.replaceFirst("^@", ""))).findFirst()
                        .<Reply>map(v -> new Reply.Done("id", v.label() + "'s id: " + v.id().value()))
                        .orElse(new Reply.Error("id", "no user called " + arg));
            case "-nick", "-name", "/nick":
                return nick(arg);
            case "-waiting":
                return new Reply.Done("waiting", waiting.isEmpty()
                        ? "nothing is held back: every message received here has been shown" : waiting);
            case "-history":
                return new Reply.Messages("history", current.key(), lastPage(current, 20));
            case "-lu":
                return new Reply.Users("listusers", users());
            case "-q":
                return new Reply.Quit("quit");
            default:
                if (line.startsWith("-")) {
                    return new Reply.Error("?", "unknown command " + words[0] + " (-help lists them)");
                }
                return send(line);
        }
    }

    private Reply ignore(String command, String written, boolean ignore) {
        String name = written.replaceFirst("^@", "");
        Optional<UserView> u = users.values().stream().filter(v -> v.label().equalsIgnoreCase(name)).findFirst();
        if (u.isEmpty()) {
            return new Reply.Error(command, "no user or group called " + name);
        }
        NodeId who = u.get().id();
        String label = u.get().label();
        if (who.equals(self.id())) {
            return new Reply.Error(command, "that is you");
        }
        if (ignored.contains(who) == ignore) {
            return new Reply.Error(command, ignore ? "you ignore " + label + " already (-unignore @" + label
                    + " shows their messages again)" : "you do not ignore " + label);
        }
        if (ignore) {
            ignored.add(who);
            return new Reply.Done(command, "ignoring " + label + ": their messages are hidden, past ones too (-unignore @"
                    + label + " shows them again)");
        }
        ignored.remove(who);
        return new Reply.Done(command, "showing " + label + "'s messages again, past ones too");
    }

    /** As the node's: someone offline leaves the users and the groups until they connect again; their messages keep their label. */
    private Reply forget(String written) {
        String name = written.replaceFirst("^@", "");
        Optional<UserView> u = users.values().stream().filter(v -> v.label().equalsIgnoreCase(name)).findFirst();
        if (u.isEmpty()) {
            return new Reply.Error("forget", "no user called " + name);
        }
        if (u.get().online()) {
            return new Reply.Error("forget", u.get().label() + " is online: only someone gone can be forgotten");
        }
        NodeId who = u.get().id();
        users.remove(who);
        groups.values().forEach(members -> members.remove(who));
        forgotten.put(who, u.get().label());
        return new Reply.Done("forget", "forgot " + u.get().label() + ": out of your lists and groups");
    }

    private Reply nick(String raw) {
        if (raw.isEmpty()) {
            return new Reply.Error("nick", "missing argument: -nick <name>");
        }
        String name;
        try {
            name = DisplayName.check(raw);
        } catch (IllegalArgumentException e) {
            return new Reply.Error("nick", e.getMessage());
        }
        if (name.equals(self.name())) {
            return new Reply.Error("nick", "you are " + name + " already");
        }
        // As the node: self() has the name by the time the rename is told.
        self = new NodeInfo(self.id(), name, self.listen());
        rename(self.id(), name);
        return new Reply.Done("nick", "you are now known as " + name);
    }

    /** Whether a message is shown: not when its sender is ignored. */
    private boolean shown(MessageView m) {
        return !ignored.contains(m.fromId());
    }

    private List<MessageView> shownIn(Conversation conversation) {
        return log.getOrDefault(conversation, List.of()).stream().filter(this::shown).collect(Collectors.toList());
    }

    private Reply send(String line) {
        Conversation to = current;
        String text = line;
        if (line.startsWith("@") || line.startsWith("#")) {
            String[] words = line.split("\\s+", 2);
            String name = words[0].substring(1);
            text = words.length > 1 ? words[1] : "";
            if (line.startsWith("#")) {
                to = new Conversation.Group(new GroupName(name));
            } else {
                Optional<UserView> u = users.values().stream().filter(v -> v.label().equals(name)).findFirst();
                if (u.isEmpty()) {
                    return new Reply.Error("send", "no user " + name);
                }
                to = new Conversation.Direct(u.get().id());
            }
        }
        long now = 1_700_000_000_000L + (++seq) * 1000;
        MessageView m = new MessageView(self.id().value() + "-" + seq, self.id(), self.name(),
                to instanceof Conversation.Group g ? "#" + g.name().value() : "@" + label(to), to, text, now, now,
                true, false, false, cursor++);
        log.computeIfAbsent(to, c -> new ArrayList<>()).add(m);
        events.tryEmitNext(new ChatEvent.Message(m));
        return new Reply.Sent("send", m);
    }

    private String label(Conversation c) {
        return users.get(((Conversation.Direct) c).peer()).label();
    }

    @Override
    public Conversation current() {
        return current;
    }

    @Override
    public void open(Conversation conversation) {
        current = conversation;
        events.tryEmitNext(new ChatEvent.Opened(conversation, conversation.key()));
    }

    @Override
    public List<UserView> users() {
        return users.values().stream().map(this::withGroups)
                .sorted((a, b) -> a.label().compareTo(b.label())).collect(Collectors.toList());
    }

    private UserView withGroups(UserView u) {
        List<String> in = groups.entrySet().stream().filter(e -> e.getValue().contains(u.id()))
                .map(Map.Entry::getKey).collect(Collectors.toList());
        return new UserView(u.id(), u.name(), u.label(), u.address(), u.online(), u.self(), in, ignored.contains(u.id()));
    }

    @Override
    public Optional<UserView> user(NodeId id) {
        return Optional.ofNullable(users.get(id)).map(this::withGroups);
    }

    @Override
    public String label(NodeId id) {
        return user(id).map(UserView::label).orElse(forgotten.getOrDefault(id, id.shortForm()));
    }

    @Override
    public List<GroupView> groups() {
        return groups.entrySet().stream()
                .map(e -> new GroupView(e.getKey(), e.getValue().stream().map(id -> users.get(id).label()).sorted()
                        .collect(Collectors.toList())))
                .collect(Collectors.toList());
    }

    @Override
    public List<String> myGroups() {
        List<String> mine = new ArrayList<>(List.of("all"));
        groups.forEach((g, members) -> {
            if (!g.equals("all") && members.contains(self.id())) {
                mine.add(g);
            }
        });
        return mine;
    }

    @Override
    public Mono<List<MessageView>> history(Conversation conversation, int n) {
        historyCalls.add(conversation.key() + " last " + n);
        Mono<List<MessageView>> read = Mono.fromSupplier(() -> {
            List<MessageView> all = shownIn(conversation);
            return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
        });
        if (gate == null) {
            return read;
        }
        Mono<Boolean> held = gate.asMono();
        gate = null;
        return held.then(read);
    }

    @Override
    public Mono<List<MessageView>> search(Conversation conversation, String text, int n) {
        List<MessageView> found = log.entrySet().stream().filter(e -> conversation == null || e.getKey().equals(conversation))
                .flatMap(e -> e.getValue().stream()).filter(this::shown).filter(m -> m.text().toLowerCase(java.util.Locale.ROOT)
                        .contains(text.toLowerCase(java.util.Locale.ROOT)))
                .sorted(java.util.Comparator.comparingLong(MessageView::cursor)).collect(Collectors.toList());
        return Mono.just(List.copyOf(found.subList(Math.max(0, found.size() - n), found.size())));
    }

    @Override
    public Mono<List<MessageView>> historyAfter(long cursor, int n) {
        historyCalls.add("after " + cursor + " " + n);
        Mono<List<MessageView>> read = Mono.fromSupplier(() -> log.values().stream().flatMap(List::stream).filter(this::shown)
                .filter(m -> m.cursor() > cursor).sorted(java.util.Comparator.comparingLong(MessageView::cursor)).limit(n)
                .collect(Collectors.toList()));
        if (afterGate == null) {
            return read;
        }
        Mono<Boolean> held = afterGate.asMono();
        afterGate = null;
        return held.then(read);
    }

    /**
     * As the node's: the messages after {@code cursor} with the renames among them, up to the last
     * of a full page, else to now; each rename under the names of its moment (the user as now
     * otherwise), none of users ignored or forgotten. Its reads are {@code pageCalls}, not
     * {@link #historyCalls}, and not held by {@link #holdNextHistoryAfter}.
     */
    @Override
    public Mono<HistoryPage> historyPageAfter(long cursor, int n) {
        pageCalls.add("after " + cursor + " " + n);
        return Mono.fromSupplier(() -> {
            List<MessageView> messages = log.values().stream().flatMap(List::stream).filter(m -> m.cursor() > cursor)
                    .filter(this::shown).sorted(java.util.Comparator.comparingLong(MessageView::cursor)).limit(n)
                    .collect(Collectors.toList());
            long upTo = messages.size() == n ? messages.get(n - 1).cursor() : Long.MAX_VALUE;
            return new HistoryPage(messages, renamesBetween(cursor, upTo));
        });
    }

    /**
     * As the node's: {@link #history} or {@link #historyBefore} (their calls and the gate as
     * theirs), with every rename from the first message to {@code cursor} (or now); the node's has
     * only those of users in the conversation then, which the window filters again as it does live.
     */
    @Override
    public Mono<HistoryPage> historyPage(Conversation conversation, long cursor, int n) {
        Mono<List<MessageView>> messages = cursor == Long.MAX_VALUE ? history(conversation, n) : historyBefore(conversation, cursor, n);
        return messages.map(m -> new HistoryPage(m, m.isEmpty() ? List.of() : renamesBetween(m.get(0).cursor(), cursor)));
    }

    /** The renames placed after {@code after} and at {@code upTo} or before, under the names of their moment, none of users ignored. */
    private List<ChatEvent.Renamed> renamesBetween(long after, long upTo) {
        List<ChatEvent.Renamed> among = new ArrayList<>();
        for (ChatEvent.Renamed r : renames) {
            Optional<UserView> now = user(r.user().id());
            if (r.cursor() > after && r.cursor() <= upTo && now.isPresent() && !now.get().ignored()) {
                UserView u = now.get();
                UserView then = new UserView(u.id(), r.user().name(), r.user().label(), u.address(), u.online(), u.self(),
                        u.groups(), u.ignored());
                among.add(new ChatEvent.Renamed(then, r.was(), r.id(), r.ts(), r.cursor()));
            }
        }
        return among;
    }

    /**
     * {@code -history}: the last {@code n} messages of {@code c}, with the renames from the first of
     * them to now (every one: the node's has only those of users in the conversation, which in
     * {@code #all} is everyone).
     */
    private HistoryPage lastPage(Conversation c, int n) {
        List<MessageView> all = shownIn(c);
        List<MessageView> last = List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
        if (last.isEmpty()) {
            return new HistoryPage(last, List.of());
        }
        return new HistoryPage(last, historyPageAfter(last.get(0).cursor(), Integer.MAX_VALUE).block().renames());
    }

    @Override
    public long historySize() {
        return log.values().stream().mapToLong(List::size).sum();
    }

    @Override
    public Mono<List<MessageView>> historyBefore(Conversation conversation, long before, int n) {
        historyCalls.add(conversation.key() + " before " + before + " " + n);
        return Mono.fromSupplier(() -> {
            List<MessageView> older = shownIn(conversation).stream()
                    .filter(m -> m.cursor() < before).collect(Collectors.toList());
            return List.copyOf(older.subList(Math.max(0, older.size() - n), older.size()));
        });
    }

    @Override
    public Mono<Void> shutdown() {
        return Mono.fromRunnable(events::tryEmitComplete);
    }
}

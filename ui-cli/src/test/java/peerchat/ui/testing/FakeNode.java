package peerchat.ui.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.GroupView;
import peerchat.engine.api.HistoryPage;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeInfo;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;
import peerchat.store.event.NodeId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * An in-memory {@link Node} for the UI's unit tests: it records the lines it is given, answers
 * them with a handler the test chooses, and emits whatever events the test pushes. It is not the
 * node: the real one is tested in engine and, with these frontends, end to end.
 */
public final class FakeNode implements Node {
    public static final NodeId SELF = new NodeId("a1a1a1a1a1a1a1a1");
    public static final NodeId BOB = new NodeId("b2b2b2b2b2b2b2b2");
    public static final NodeId BEATRICE = new NodeId("b3b3b3b3b3b3b3b3");

    private volatile NodeInfo self = new NodeInfo(SELF, "alice", "127.0.0.1:7117");
    private final Sinks.Many<ChatEvent> events = Sinks.many().multicast().directBestEffort();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<MessageView> log = new CopyOnWriteArrayList<>();
    /** The renames told, in their place among the messages of {@link #log} (their cursors). */
    private final List<ChatEvent.Renamed> renames = new CopyOnWriteArrayList<>();
    private final List<UserView> users = new CopyOnWriteArrayList<>();
    private final List<GroupView> groups = new CopyOnWriteArrayList<>();
    private final AtomicInteger shutdowns = new AtomicInteger();
    private final AtomicLong seq = new AtomicLong();
    /** Where the fake's messages go: {@code all}, the conversation every node starts in. */
    public static final Conversation TALK = Conversation.all();
    public static final String PROMPT = "alice@127.0.0.1:7117 #all> ";

    private volatile Conversation current = TALK;
    private volatile Function<String, Reply> handler = this::basic;
    private volatile Function<String, Mono<Reply>> later;

    public FakeNode() {
        users.add(new UserView(SELF, "alice", "alice", "127.0.0.1:7117", true, true, List.of("all", "games")));
        users.add(new UserView(BOB, "bob", "bob", "127.0.0.2:7117", true, false, List.of("all")));
        users.add(new UserView(BEATRICE, "beatrice", "beatrice", "127.0.0.3:7117", false, false, List.of("all", "games")));
        groups.add(new GroupView("all", List.of("alice", "beatrice", "bob")));
        groups.add(new GroupView("games", List.of("alice", "beatrice")));
        groups.add(new GroupView("gardening", List.of()));
    }

    /** Answers lines with {@code h} instead of the small built-in table. */
    public FakeNode answering(Function<String, Reply> h) {
        this.handler = h;
        return this;
    }

    /** Answers with whatever {@code h} gives, when it gives it (a node that is busy). */
    public FakeNode answeringLater(Function<String, Mono<Reply>> h) {
        this.later = h;
        return this;
    }

    /** Pushes an event as the node's thread would (serialized by the sink's contract: one at a time). */
    public synchronized void emit(ChatEvent e) {
        events.emitNext(e, Sinks.EmitFailureHandler.FAIL_FAST);
    }

    public int subscribers() {
        return events.currentSubscriberCount();
    }

    public BlockingQueue<String> lines() {
        return lines;
    }

    public int shutdowns() {
        return shutdowns.get();
    }

    public MessageView incoming(String from, NodeId fromId, String text, boolean heldBack) {
        long ts = 1_700_000_000_000L + seq.get();
        return new MessageView(fromId.value() + "-" + seq.incrementAndGet(), fromId, from, "#all", TALK,
                text, ts, ts, false, heldBack, false, seq.get());
    }

    public void addToLog(MessageView m) {
        log.add(m);
    }

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
        List<MessageView> all = new ArrayList<>(log);
        List<ChatEvent> tail = new ArrayList<>();
        all.subList(Math.max(0, all.size() - recent), all.size()).forEach(m -> tail.add(new ChatEvent.Message(m)));
        return Flux.fromIterable(tail).concatWith(events.asFlux());
    }

    @Override
    public Mono<Reply> execute(String line) {
        lines.add(line);
        Function<String, Mono<Reply>> l = later;
        return l != null ? Mono.defer(() -> l.apply(line)) : Mono.fromSupplier(() -> handler.apply(line));
    }

    /** Enough of the command table to drive a frontend: quit, lists, errors, messages. */
    private Reply basic(String line) {
        String first = line.trim().split("\\s+", 2)[0];
        switch (first) {
            case "-q":
            case "/quit":
                return new Reply.Quit("quit");
            case "-lu":
                return new Reply.Users("listusers", users);
            case "-lg":
                return new Reply.Groups("listgroups", groups);
            default:
                break;
        }
        if (first.startsWith("-") || first.startsWith("/")) {
            return new Reply.Error("", "unknown command " + first + " (-h lists them)");
        }
        long n = seq.incrementAndGet();
        MessageView m = new MessageView(SELF.value() + "-" + n, SELF, "alice", "#all", TALK, line,
                1_700_000_000_000L + n, 1_700_000_000_000L + n, true, false, false, n);
        log.add(m);
        emit(new ChatEvent.Message(m));
        return new Reply.Sent("send", m);
    }

    @Override
    public Conversation current() {
        return current;
    }

    @Override
    public void open(Conversation conversation) {
        current = conversation;
    }

    /**
     * The user with this id takes {@code name}, as the node tells it (for this node's own user,
     * {@link #self()} has the name by then).
     */
    public UserView rename(NodeId id, String name) {
        UserView u = user(id).orElseThrow();
        UserView renamed = new UserView(u.id(), name, name, u.address(), u.online(), u.self(), u.groups(), u.ignored());
        users.replaceAll(v -> v.id().equals(id) ? renamed : v);
        if (u.self()) {
            self = new NodeInfo(self.id(), name, self.listen());
        }
        // In its place: numbered as the fake numbers messages, after those so far and before the next.
        long n = seq.incrementAndGet();
        ChatEvent.Renamed told = new ChatEvent.Renamed(renamed, u.label(), id.value() + "-" + n, 1_700_000_000_000L + n, n);
        renames.add(told);
        emit(told);
        return renamed;
    }

    /** The user with this id as one whose messages this node hides ({@code -ignore}). */
    public UserView ignore(NodeId id) {
        UserView u = user(id).orElseThrow();
        UserView ignored = new UserView(u.id(), u.name(), u.label(), u.address(), u.online(), u.self(), u.groups(), true);
        users.replaceAll(v -> v.id().equals(id) ? ignored : v);
        return ignored;
    }

    @Override
    public List<UserView> users() {
        return List.copyOf(users);
    }

    @Override
    public Optional<UserView> user(NodeId id) {
        return users.stream().filter(u -> u.id().equals(id)).findFirst();
    }

    @Override
    public List<GroupView> groups() {
        return List.copyOf(groups);
    }

    @Override
    public List<String> myGroups() {
        return List.of("all", "games");
    }

    @Override
    public Mono<List<MessageView>> history(Conversation conversation, int n) {
        List<MessageView> all = new ArrayList<>(log);
        return Mono.just(List.copyOf(all.subList(Math.max(0, all.size() - n), all.size())));
    }

    @Override
    public Mono<List<MessageView>> historyBefore(Conversation conversation, long cursor, int n) {
        return Mono.just(List.of());
    }

    @Override
    public Mono<HistoryPage> historyPage(Conversation conversation, long cursor, int n) {
        List<MessageView> messages = (cursor == Long.MAX_VALUE ? history(conversation, n) : historyBefore(conversation, cursor, n)).block();
        long from = messages.isEmpty() ? Long.MAX_VALUE : messages.get(0).cursor();
        return Mono.just(new HistoryPage(messages, renames.stream().filter(r -> r.cursor() > from && r.cursor() <= cursor)
                .collect(java.util.stream.Collectors.toList())));
    }

    @Override
    public Mono<List<MessageView>> search(Conversation conversation, String text, int n) {
        List<MessageView> found = log.stream().filter(m -> conversation == null || m.conversation().equals(conversation))
                .filter(m -> m.text().toLowerCase(java.util.Locale.ROOT).contains(text.toLowerCase(java.util.Locale.ROOT)))
                .collect(java.util.stream.Collectors.toList());
        return Mono.just(List.copyOf(found.subList(Math.max(0, found.size() - n), found.size())));
    }

    @Override
    public Mono<List<MessageView>> historyAfter(long cursor, int n) {
        return Mono.just(log.stream().filter(m -> m.cursor() > cursor).limit(n).collect(java.util.stream.Collectors.toList()));
    }

    @Override
    public Mono<HistoryPage> historyPageAfter(long cursor, int n) {
        List<MessageView> messages = historyAfter(cursor, n).block();
        long upTo = messages.size() == n ? messages.get(n - 1).cursor() : Long.MAX_VALUE;
        return Mono.just(new HistoryPage(messages, renames.stream().filter(r -> r.cursor() > cursor && r.cursor() <= upTo)
                .collect(java.util.stream.Collectors.toList())));
    }

    @Override
    public long historySize() {
        return log.size();
    }

    @Override
    public Mono<Void> shutdown() {
        return Mono.fromRunnable(shutdowns::incrementAndGet);
    }

}

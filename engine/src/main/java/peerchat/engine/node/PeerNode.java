package peerchat.engine.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.GroupView;
import peerchat.engine.api.HistoryPage;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;
import peerchat.engine.api.NodeInfo;
import peerchat.engine.api.PastThenLive;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;
import peerchat.engine.command.CommandParser;
import peerchat.engine.causal.Hold;
import peerchat.engine.identity.Identity;
import peerchat.engine.net.NodeLoop;
import peerchat.engine.net.TcpPeerLinks;
import peerchat.store.Store;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.GroupStamp;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.projection.History;
import peerchat.store.projection.HistoryEntry;
import peerchat.store.projection.Links;
import peerchat.store.projection.RenameEntry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The node: identity, store, causal core, links and discovery behind {@link Node}. Every change
 * of state happens on the node's own thread ({@link #thread}), so the causal core, the link
 * sequence numbers and the order of appends never race; queries read the store's projections,
 * which are safe from any thread.
 */
public final class PeerNode implements Node {
    private static final Logger LOG = LoggerFactory.getLogger(PeerNode.class);
    /** Per sender; when a sender has this many messages waiting for their causal past, its link pauses. */
    static final int MAX_BUFFERED_PER_SENDER = 1024;

    private final NodeConfig config;
    private final Clock clock;
    private final Identity identity;
    private final Store store;
    private final NodeLoop loop;
    private final Scheduler thread;
    private final Messenger messenger;
    private final Shown shown;
    private final CommandRunner commands;
    private final Sinks.Many<ChatEvent> events = Sinks.many().multicast().onBackpressureBuffer(1 << 16, false);
    private final Network network;
    private final DataDirLock dirLock;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** What every subscriber to the events is told first: what the start did that the user should know (a damaged log made again). */
    private final List<ChatEvent> startNotices;
    /** Completes as the node begins to close: what waits for the network at a start waits no longer. */
    private final Sinks.Empty<Void> closing = Sinks.empty();
    /** Counts membership and presence changes; a directory worked out at count c is current while it stays c. */
    private final AtomicLong changes = new AtomicLong();
    private volatile Cached directory;
    private final Map<NodeId, String> justMet = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Conversation current = Conversation.all();
    private volatile NodeInfo info;

    private record Cached(long changes, Directory directory) {
    }

    private PeerNode(NodeConfig config) {
        this.config = config;
        this.clock = config.clock();
        try {
            Files.createDirectories(config.dataDir());
            PrivateDataDir.keep(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
        }
        // Before anything in the directory is read or written: its identity and log are one node's.
        this.dirLock = DataDirLock.acquire(config.dataDir());
        TcpPeerLinks.prepareTls(); // meanwhile the log is read
        try {
            LostLog.beforeKey(config.dataDir());
            this.identity = Identity.loadOrCreate(config.dataDir());
            LostLog.beforeOpening(config.dataDir());
            long started = System.nanoTime();
            this.loop = new NodeLoop(config.name());
            Opened opened;
            try {
                opened = openLog(config.dataDir().resolve("log"));
            } catch (RuntimeException e) {
                closeLoop(e);
                throw e;
            }
            CausalRecovery recovery = opened.recovery();
            this.store = opened.store();
            this.startNotices = opened.salvaged() == null ? List.of() : List.of(new ChatEvent.Warning(opened.salvaged()
                    + ": what was in the lost part is not in your history here; what you send is numbered after it as peers link"));
            try {
                LostLog.afterReading(config.dataDir(), recovery.entries());
            } catch (RuntimeException e) {
                store.close();
                closeLoop(e);
                throw e;
            }
            LOG.info("state rebuilt from {} log entries in {} ms: causal clock {}, {} messages waiting{}", recovery.entries(),
                    (System.nanoTime() - started) / 1_000_000, recovery.core().clock(), recovery.buffered().size(), recovery.gaps());
            // The node's state lives on its one thread, the log's writer and its links' event loop:
            // appends are written in line, and messages go from socket to log to socket without a
            // hop to another thread and back.
            this.thread = store.writer();
            this.info = new NodeInfo(identity.id(), config.name(), config.listenHost() + ":" + config.listenPort());
            this.shown = new Shown();
            this.messenger = new Messenger(identity, store, recovery.core(), recovery.buffered(), thread, clock, shown, this::closing,
                    () -> info.name());
            if (!recovery.buffered().isEmpty()) {
                shown.held(); // still waiting from before the restart: told as if just held back
            }
            this.commands = new CommandRunner(this);
            try {
                recordIdentity();
                LostLog.logged(config.dataDir(), identity.id().value());
                messenger.logMissingDeliveries(recovery.deliveredButNotLogged()).block();
            } catch (RuntimeException e) {
                // Nobody gets a node to shut down: what is open so far is closed here, or a caller that
                // tries again (or a test) would find the log and the node's thread still held.
                try {
                    store.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                closeLoop(e);
                throw e;
            }
            this.network = new Network(this, config, identity, messenger);
        } catch (RuntimeException e) {
            // Whatever failed, the directory is free again for the next try.
            dirLock.close();
            throw e;
        }
    }

    /** The log opened, the causal state read from it, and what was done to a damaged one first (null if nothing). */
    private record Opened(Store store, CausalRecovery recovery, String salvaged) {
    }

    /**
     * Opens the log on the node's thread, reading the causal state in the same pass. One cut short
     * or overwritten (a power cut, a disk error) is made again from what it can give first: the
     * node starts with that, and numbers on after what its peers hold as they link.
     */
    private Opened openLog(Path logDir) {
        CausalRecovery recovery = new CausalRecovery(identity.id(), MAX_BUFFERED_PER_SENDER);
        try {
            return new Opened(Store.open(logDir, recovery, loop.executor()), recovery, null);
        } catch (RuntimeException e) {
            if (!Store.damaged(e)) {
                throw e;
            }
            LOG.warn("the log in {} is damaged: {}", logDir, e.getMessage());
            String salvaged = Store.salvage(logDir);
            CausalRecovery again = new CausalRecovery(identity.id(), MAX_BUFFERED_PER_SENDER);
            return new Opened(Store.open(logDir, again, loop.executor()), again, salvaged);
        }
    }

    /** A start that failed: the node's thread stops (this runs on boundedElastic, not on it). */
    private void closeLoop(RuntimeException cause) {
        loop.close().onErrorResume(e -> {
            cause.addSuppressed(e);
            return Mono.empty();
        }).block();
    }

    public static Mono<Node> start(NodeConfig config) {
        return Mono.fromCallable(() -> new PeerNode(config))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(node -> node.network.start()
                        .map(listen -> {
                            node.info = new NodeInfo(node.identity.id(), config.name(), listen);
                            node.invalidate();
                            LOG.info("node {} ({}) listening on {}", config.name(), node.identity.id(), listen);
                            return (Node) node;
                        })
                        .onErrorResume(e -> node.shutdown().then(Mono.error(e))));
    }

    /**
     * Writes this node's identity at its first start. Started under another name than the log's
     * ({@code --name}), it takes that name as {@code -nick} would: everyone is told, in a message.
     */
    private void recordIdentity() {
        Optional<NodeId> known = store.membership().self();
        if (known.isEmpty() || !known.get().equals(identity.id())) {
            store.append(new Event.IdentityCreated(identity.id(), config.name(), identity.publicKeyBase64(), clock.millis())).block();
            return;
        }
        boolean sameName = store.membership().user(identity.id()).map(u -> u.name().equals(config.name())).orElse(false);
        if (!sameName) {
            Mono.defer(() -> messenger.send(everyoneElse(), new Payload.Rename(config.name()), 0)).subscribeOn(thread).block();
        }
    }

    /** Everyone this node knows of but itself: whom a change of its own (groups, name) is told to. Node thread. */
    Set<NodeId> everyoneElse() {
        Set<NodeId> others = new HashSet<>(directory().members(GroupName.ALL));
        others.remove(identity.id());
        return others;
    }

    /**
     * This node's user took {@code name} (its message is logged): from now on it is the name of
     * {@link #self()} and the one handshakes give. Node thread.
     */
    private void renamed(String name) {
        NodeInfo now = info;
        info = new NodeInfo(now.id(), name, now.listen());
        if (network != null) { // null at a start under another name: the links are made with that name
            network.rename(name);
        }
    }

    /**
     * The listener the messenger tells about sends and deliveries, on the node thread, in
     * log order (its state is confined to that thread).
     * Membership messages are shown only when they change something: a user re-announcing its
     * groups to a newcomer is news to the newcomer, not to everyone else.
     */
    private final class Shown implements Messenger.Listener {
        private final Map<GroupName, Set<NodeId>> members = new HashMap<>();
        /**
         * Per group, the seq of each member's newest change shown, as {@code Membership} keeps
         * it: a change older than one a peer passed on (it came late, through someone who kept
         * it) is not news, there or here.
         */
        private final Map<GroupName, Map<NodeId, Long>> newest = new HashMap<>();
        private final HoldNotice holdNotice = new HoldNotice(thread, () -> messenger.holds(),
                holds -> emit(new ChatEvent.HeldBack(holds.stream().mapToInt(Hold::messages).sum(), HoldsText.of(holds, directory()))),
                () -> emit(new ChatEvent.Released(HoldsText.ALL_ARRIVED)));

        Shown() {
            store.membership().groups().forEach(g -> members.put(g.name(),
                    g.members().stream().map(u -> u.id()).collect(Collectors.toCollection(HashSet::new))));
            // Only the stamps count here: no clock (a start that fails must still let go of the log).
            store.membership().roster(Integer.MAX_VALUE, Integer.MAX_VALUE, 0).forEach(u -> u.groups()
                    .forEach(g -> newest.computeIfAbsent(g.group(), x -> new HashMap<>()).put(u.id(), g.seq())));
        }

        private boolean newer(NodeId user, GroupName group, long seq) {
            Map<NodeId, Long> byUser = newest.computeIfAbsent(group, g -> new HashMap<>());
            Long last = byUser.get(user);
            if (last != null && last >= seq) {
                return false;
            }
            byUser.put(user, seq);
            return true;
        }

        /** Joins and leaves a peer told of (logged already), shown as those of the members' own messages are. */
        @Override
        public void heard(List<Event.UserHeard> news) {
            invalidate();
            for (Event.UserHeard e : news) {
                if (e.id().equals(identity.id()) || store.membership().isForgotten(e.id())) {
                    continue;
                }
                String who = directory().label(e.id());
                for (GroupStamp stamp : e.groups()) {
                    if (!newer(e.id(), stamp.group(), stamp.seq())) {
                        continue;
                    }
                    Set<NodeId> in = members.computeIfAbsent(stamp.group(), g -> new HashSet<>());
                    if (stamp.member() ? in.add(e.id()) : in.remove(e.id())) {
                        emit(stamp.member() ? new ChatEvent.Joined(stamp.group().value(), who) : new ChatEvent.Left(stamp.group().value(), who));
                    }
                }
            }
        }

        @Override
        public void sent(Event.MessageSent sent, long position) {
            // This node's user sends under the name it has now: its renames take effect at once.
            show(sent.id(), sent.payload(), () -> {
                Directory d = directory();
                return Views.sent(d, d.label(identity.id()), sent, position);
            });
        }

        @Override
        public void delivered(Event.MessageReceived received, long deliveredAt, boolean heldBack, long position) {
            show(received.id(), received.payload(), () -> {
                Directory d = directory();
                String from = HistoryViews.labelAt(d, store.history(), received.id().sender(), position);
                return Views.delivered(d, from, received, deliveredAt, heldBack, position);
            });
        }

        @Override
        public void held() {
            holdNotice.held();
        }

        @Override
        public void letThrough() {
            holdNotice.letThrough();
        }

        @Override
        public void warning(String text) {
            emit(new ChatEvent.Warning(text));
        }

        @Override
        public void aheadOfLog(NodeId peer, long more) {
            String who = directory().label(peer);
            emit(new ChatEvent.Warning(who + " had " + more + " more of what this node sent than its log holds: the log lost its"
                    + " newest part (restored from a backup, or cut short). What was in it is not in your history here; what you"
                    + " send from now on is numbered after it, and arrives"));
        }

        private void show(MessageId id, Payload payload, java.util.function.Supplier<MessageView> view) {
            NodeId from = id.sender();
            if (payload instanceof Payload.Chat) {
                if (!store.ignored().contains(from)) {
                    emit(new ChatEvent.Message(view.get()));
                }
                return;
            }
            if (payload instanceof Payload.Rename r) {
                if (from.equals(identity.id())) {
                    renamed(r.name()); // before it is told: whoever hears of it asks self() for the name
                }
                invalidate();
                Directory d = directory();
                // As the history has it (the name before, the sender's time, the place), so that
                // the notice read back later is this one.
                Optional<RenameEntry> rename = store.history().rename(id);
                Optional<UserView> now = d.user(from).map(d::view);
                if (rename.isPresent() && now.isPresent() && !ShownName.of(rename.get().was()).equals(ShownName.of(r.name()))) {
                    emit(new ChatEvent.Renamed(now.get(), d.labelUnder(from, rename.get().was()), id.text(), rename.get().sentAt(),
                            rename.get().position()));
                }
                return;
            }
            Payload.Membership m = (Payload.Membership) payload;
            invalidate();
            if (!m.group().isAll() && !newer(from, m.group(), id.seq())) {
                return;
            }
            String who = directory().label(from);
            String group = m.group().value();
            boolean known = members.containsKey(m.group());
            Set<NodeId> in = members.computeIfAbsent(m.group(), g -> new HashSet<>());
            if (m.change() == Payload.Change.LEAVE) {
                if (in.remove(from)) {
                    emit(new ChatEvent.Left(group, who));
                }
                return;
            }
            boolean joined = in.add(from);
            // Only its creator's CREATE says who made a group: a newcomer first hears of one from
            // a roster (Shown.heard), as a join.
            if (!known && m.change() == Payload.Change.CREATE) {
                emit(new ChatEvent.GroupCreated(group, who));
            }
            if (joined && (known || m.change() == Payload.Change.JOIN)) {
                emit(new ChatEvent.Joined(group, who));
            }
        }
    }

    // ---- used by the parts of the node (node thread) ----

    /** Per peer this node ever sent to, what it has not acknowledged: this node's own sends, and copies of others' kept for it. */
    Map<NodeId, UnackedText.Count> unacked() {
        Links links = store.links();
        Map<NodeId, UnackedText.Count> counts = new HashMap<>();
        links.peers().forEach(p -> {
            int copies = links.unackedCopies(p);
            counts.put(p, new UnackedText.Count(links.unackedCount(p) - copies, copies));
        });
        return counts;
    }

    Store store() {
        return store;
    }

    Network network() {
        return network;
    }

    Messenger messenger() {
        return messenger;
    }

    NodeLoop loop() {
        return loop;
    }

    /** Shutting down (or shut): links going now are the node's own doing. */
    boolean closing() {
        return closed.get();
    }

    Scheduler thread() {
        return thread;
    }

    Clock clock() {
        return clock;
    }

    /** Every event comes from the node thread; synchronized so that the sink never sees two at once. */
    synchronized void emit(ChatEvent event) {
        Sinks.EmitResult r = events.tryEmitNext(event);
        if (r.isFailure() && r != Sinks.EmitResult.FAIL_TERMINATED) {
            LOG.warn("a frontend is not keeping up: dropped {} ({})", event.getClass().getSimpleName(), r);
        }
    }

    /** A peer's handshake completed: its name is known before the log says so. Any thread. */
    void met(NodeId peer, String name) {
        if (justMet.put(peer, name) == null) {
            invalidate();
        }
    }

    /** Peers told of users and groups not known here, in the log now: shown as the joins and leaves they are here. Node thread. */
    void heardOf(List<Event.UserHeard> news) {
        shown.heard(news);
    }

    /** Membership or presence changed (and is in the projections): labels and groups are worked out again when next asked. */
    void invalidate() {
        changes.incrementAndGet();
    }

    /**
     * Any thread. A directory is kept with the count of changes read before it was worked out:
     * one worked out on a frontend's thread while the node thread applied a change is not kept
     * as current (clearing a cached value instead lost that change for good when the clearing
     * fell between the reading and the storing: a peer could stay offline in users()).
     */
    Directory directory() {
        long now = changes.get();
        Cached c = directory;
        if (c != null && c.changes() == now) {
            return c.directory();
        }
        Directory d = Views.directory(store.membership(), store.ignored().all(), info.listen(), justMet);
        directory = new Cached(now, d);
        return d;
    }

    // ---- Node ----

    @Override
    public NodeInfo self() {
        return info;
    }

    @Override
    public Flux<ChatEvent> events() {
        return Flux.fromIterable(startNotices).concatWith(events.asFlux());
    }

    @Override
    public Flux<ChatEvent> events(int recent) {
        return Flux.defer(() -> {
            Conversation c = current;
            PastThenLive live = PastThenLive.listen(events.asFlux());
            return Flux.fromIterable(startNotices).concatWith(live.then(pageNow(c, Long.MAX_VALUE, recent)));
        }).subscribeOn(thread);
    }

    @Override
    public Mono<Reply> execute(String line) {
        // At a start, commands wait (in order, bounded) until the network is heard from: a message
        // written at once would go to the members of its groups as the last run knew them.
        // The wait ends too when the node begins to close: the node thread the wait runs on is
        // going, and with it the wait's own timeout (a SIGTERM at a start then left a --json line
        // with no answer at all, 3 runs of 6).
        Mono<Void> settled = network == null ? Mono.empty() : Mono.firstWithSignal(network.settled(), closing.asMono());
        // A command still waiting when the node began to close is not run: it was half done, by
        // chance (QA, a SIGTERM at a start: a send answered with no message shown, or "the log is
        // closed", or no answer at all).
        return settled.then(Mono.defer(() -> closing() ? Mono.just(SHUTTING_DOWN) : commands.run(CommandParser.parse(line))))
                .subscribeOn(thread)
                .onErrorResume(e -> {
                    if (closing()) {
                        return Mono.just(SHUTTING_DOWN);
                    }
                    LOG.error("command failed: {}", line, e);
                    return Mono.just(new Reply.Error("command", "internal error: " + e));
                });
    }

    private static final Reply SHUTTING_DOWN = new Reply.Error("command", "not run: the node is shutting down");

    @Override
    public Conversation current() {
        return current;
    }

    @Override
    public void open(Conversation conversation) {
        current = conversation;
        // every event is emitted on the node thread: the stream's subscribers see one sequence
        thread.schedule(() -> emit(new ChatEvent.Opened(conversation, directory().written(conversation))));
    }

    @Override
    public List<UserView> users() {
        return directory().userViews();
    }

    @Override
    public Optional<UserView> user(NodeId id) {
        Directory d = directory();
        return d.user(id).map(d::view);
    }

    @Override
    public String label(NodeId id) {
        return directory().label(id);
    }

    @Override
    public List<GroupView> groups() {
        return directory().groupViews();
    }

    @Override
    public List<String> myGroups() {
        return directory().groupsOf(identity.id()).stream().map(GroupName::value).collect(Collectors.toList());
    }

    @Override
    public Mono<List<MessageView>> history(Conversation conversation, int n) {
        return historyPage(conversation, Long.MAX_VALUE, n).map(HistoryPage::messages);
    }

    @Override
    public Mono<List<MessageView>> historyBefore(Conversation conversation, long cursor, int n) {
        return historyPage(conversation, cursor, n).map(HistoryPage::messages);
    }

    @Override
    public Mono<HistoryPage> historyPage(Conversation conversation, long cursor, int n) {
        return Mono.fromCallable(() -> pageNow(conversation, cursor, n)).subscribeOn(Schedulers.boundedElastic());
    }

    private HistoryPage pageNow(Conversation conversation, long cursor, int n) {
        return page(store.history().beforePage(Views.toStore(conversation), cursor, n, this::shown));
    }

    @Override
    public Mono<List<MessageView>> search(Conversation conversation, String text, int n) {
        return Mono.fromCallable(() -> {
            List<HistoryEntry> newestFirst = store.history().search(
                    conversation == null ? History.EVERYWHERE : Views.toStore(conversation), text, n, this::shown);
            List<HistoryEntry> oldestFirst = new ArrayList<>(newestFirst);
            Collections.reverse(oldestFirst);
            return views(oldestFirst);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Mono<List<MessageView>> historyAfter(long cursor, int n) {
        return historyPageAfter(cursor, n).map(HistoryPage::messages);
    }

    @Override
    public Mono<HistoryPage> historyPageAfter(long cursor, int n) {
        return Mono.fromCallable(() -> page(store.history().afterPage(cursor, n, this::shown))).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public long historySize() {
        return store.history().size();
    }

    /** Whether a message of the history is shown: not when its sender is ignored ({@code -ignore}). */
    private boolean shown(HistoryEntry e) {
        return !store.ignored().contains(e.from());
    }

    private List<MessageView> views(List<HistoryEntry> entries) {
        return page(new History.Page(entries, List.of())).messages();
    }

    private HistoryPage page(History.Page page) {
        return HistoryViews.page(directory(), identity.id(), store.history(), id -> !store.ignored().contains(id), page);
    }

    @Override
    public Mono<Void> shutdown() {
        if (!closed.compareAndSet(false, true)) {
            return Mono.empty();
        }
        closing.tryEmitEmpty();
        return network.close()
                .onErrorResume(e -> {
                    LOG.warn("closing the network: {}", e.toString());
                    return Mono.empty();
                })
                .then(Mono.fromRunnable(() -> {
                    events.tryEmitComplete();
                    store.close();
                }).subscribeOn(Schedulers.boundedElastic()))
                .then(loop.close().onErrorResume(e -> {
                    LOG.warn("stopping the node thread: {}", e.toString());
                    return Mono.empty();
                }))
                // Last: the directory is free once its log is closed.
                .then(Mono.fromRunnable(dirLock::close))
                .doOnSuccess(v -> LOG.info("node {} closed", config.name()))
                .then();
    }
}

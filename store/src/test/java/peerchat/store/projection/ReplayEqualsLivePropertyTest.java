package peerchat.store.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import peerchat.store.Fixtures;
import peerchat.store.Store;
import peerchat.store.event.Dependency;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.GroupStamp;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.event.Target;

/**
 * Restart = replay: for random sequences of events, the projections a store rebuilds by replaying
 * its log equal the ones it had built live (presence aside, which is not durable by design).
 * QuickTheories shrinks a failing sequence to a minimal one.
 */
class ReplayEqualsLivePropertyTest {
    private static final NodeId SELF = Fixtures.ME;
    private static final List<NodeId> PEERS = List.of(Fixtures.BOB, Fixtures.CAROL, Fixtures.node(4));
    private static final List<String> NAMES = List.of("bob", "Bob", "carol", "dave", "al");
    private static final List<String> GROUPS = List.of("all", "team", "ops", "Team2");
    private static final List<String> TEXTS = List.of("hi", "Hello", "HELLO there", "bye", "");
    private static final int KINDS = 11;

    /** One step of a node's life, described by small numbers so that shrinking makes it simpler. */
    record Step(int kind, int a, int b, int c) {
        @Override
        public String toString() {
            return "Step(" + kind + "," + a + "," + b + "," + c + ")";
        }
    }

    @TempDir
    Path dir;
    private final AtomicInteger example = new AtomicInteger();

    @Test
    void projectionsRebuiltByReplayEqualTheOnesBuiltLive() {
        Gen<Step> step = integers().between(0, KINDS - 1).zip(integers().between(0, 5), integers().between(0, 5),
                integers().between(0, 5), Step::new);
        qt().withExamples(60).withShrinkCycles(200)
                .forAll(lists().of(step).ofSizeBetween(0, 60))
                .checkAssert(this::replayEqualsLive);
    }

    private void replayEqualsLive(List<Step> steps) {
        Path where = dir.resolve("example-" + example.incrementAndGet());
        Map<String, Object> live;
        Interpreter interpreter;
        try (Store store = Store.open(where)) {
            interpreter = new Interpreter(store);
            interpreter.run(steps);
            live = snapshot(store);
        }
        try (Store store = Store.open(where)) {
            assertThat(snapshot(store)).isEqualTo(live);
            assertThat(store.membership().onlineUsers()).allSatisfy(u -> assertThat(u.self()).isTrue());
        }
        // The engine's way in: complete events replayed to it in the same pass build the same state.
        List<Event> replayed = new ArrayList<>();
        try (Store store = Store.open(where, logged -> replayed.add(logged.event()))) {
            assertThat(snapshot(store)).isEqualTo(live);
        }
        assertThat(replayed).isEqualTo(interpreter.appended);
    }

    /** Everything a user or the engine can ask of the projections, presence excepted. */
    private static Map<String, Object> snapshot(Store store) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("self", store.membership().self());
        s.put("forgotten", store.membership().forgottenUsers().stream().map(u -> u.id()).collect(Collectors.toList()));
        s.put("users", store.membership().users().stream().map(ReplayEqualsLivePropertyTest::withoutPresence)
                .collect(Collectors.toList()));
        s.put("former", store.membership().users().stream().map(u -> u.id() + "=" + store.membership().formerName(u.id()))
                .collect(Collectors.toList()));
        s.put("groups", store.membership().groups().stream()
                .map(g -> g.name() + "=" + g.members().stream().map(UserInfo::id).collect(Collectors.toList()))
                .collect(Collectors.toList()));
        // Presence excepted: the roster says now (0) for those online, and replay finds nobody online.
        s.put("roster", store.membership().roster(Integer.MAX_VALUE, Integer.MAX_VALUE, 0).stream()
                .map(u -> u.id() + " " + u.name() + " " + u.groups() + " seen " + store.membership().lastSeen(u.id()))
                .collect(Collectors.toList()));
        Map<String, Object> history = new TreeMap<>();
        for (Conversation c : store.history().conversations()) {
            history.put(c.toString(), store.history().newest(c, Integer.MAX_VALUE));
        }
        s.put("history", history);
        Map<String, Object> renames = new TreeMap<>();
        for (Conversation c : store.history().conversations()) {
            renames.put(c.toString(), store.history().newestPage(c, Integer.MAX_VALUE, e -> true).renames());
        }
        renames.put("everywhere", store.history().afterPage(-1, Integer.MAX_VALUE, e -> true).renames());
        s.put("renames", renames);
        s.put("names", java.util.stream.Stream.concat(java.util.stream.Stream.of(SELF), PEERS.stream())
                .map(id -> id + "=" + java.util.stream.LongStream.rangeClosed(0, store.history().size())
                        .mapToObj(p -> store.history().nameAt(id, p)).collect(Collectors.toList()))
                .collect(Collectors.toList()));
        s.put("search", store.history().search(History.EVERYWHERE, "hello", Integer.MAX_VALUE));
        s.put("selfNames", java.util.stream.LongStream.rangeClosed(0, store.history().size()).mapToObj(store.history()::selfNameAt)
                .collect(Collectors.toList()));
        Map<NodeId, String> links = new TreeMap<>();
        for (NodeId peer : PEERS) {
            Links l = store.links();
            links.put(peer, l.lastSent(peer) + "/" + l.lastAcked(peer) + "/" + java.util.Arrays.toString(l.unacked(peer))
                    + "/" + l.received(peer));
        }
        s.put("links", links);
        return s;
    }

    private static UserInfo withoutPresence(UserInfo u) {
        return new UserInfo(u.id(), u.name(), u.address(), u.publicKey(), false, u.self(), u.groups());
    }

    /** Turns steps into events the way a node would log them, and appends them. */
    private static final class Interpreter {
        private final Store store;
        private final Map<NodeId, Long> seqOf = new HashMap<>();
        private final Map<NodeId, Long> linkOut = new HashMap<>();
        private final Map<NodeId, Long> linkIn = new HashMap<>();
        private final List<long[]> undelivered = new ArrayList<>(); // {index}
        private final List<MessageId> undeliveredIds = new ArrayList<>();
        private long clock = 1000;
        final List<Event> appended = new ArrayList<>();

        Interpreter(Store store) {
            this.store = store;
        }

        void run(List<Step> steps) {
            for (Step s : steps) {
                clock += 7;
                apply(s);
            }
        }

        private long append(Event e) {
            appended.add(e);
            return store.append(e).block(StoreFixture.TIMEOUT);
        }

        private long nextSeq(NodeId node) {
            return seqOf.merge(node, 1L, Long::sum);
        }

        private Payload payload(Step s) {
            if (s.c() % 2 == 0) {
                return new Payload.Membership(new GroupName(GROUPS.get(s.b() % GROUPS.size())),
                        Payload.Change.values()[s.c() / 2 % 3]);
            }
            if (s.c() == 5) {
                return new Payload.Rename(NAMES.get((s.a() + s.b()) % NAMES.size()));
            }
            Target to = s.b() % 2 == 0 ? new Target.Group(new GroupName(GROUPS.get(s.a() % GROUPS.size())))
                    : new Target.User(s.kind() == 4 ? peer(s.a()) : SELF);
            return new Payload.Chat(to, TEXTS.get((s.a() + s.b() + s.c()) % TEXTS.size()));
        }

        private static NodeId peer(int i) {
            return PEERS.get(i % PEERS.size());
        }

        private void apply(Step s) {
            NodeId peer = peer(s.a());
            switch (s.kind()) {
                case 0:
                    // nothing: what shrinking turns irrelevant steps into, so a minimal failure reads clearly
                    break;
                case 1:
                    if (s.c() % 3 == 2) { // a peer passing on what it knows of another
                        GroupName g = new GroupName(GROUPS.get(s.b() % GROUPS.size()));
                        g = g.isAll() ? new GroupName("ops") : g; // nobody is stamped in all
                        append(new Event.UserHeard(peer, s.b() % 2 == 0 ? null : NAMES.get(s.b() % NAMES.size()), peer(s.a() + 1), s.b() % 3 == 0 ? 0 : clock - s.c() * 40_000_000L,
                                List.of(new GroupStamp(g, 1 + s.b() + s.c(), s.c() % 2 == 0)), clock));
                        break;
                    }
                    append(new Event.PeerSeen(peer, NAMES.get(s.b() % NAMES.size()), s.c() % 2 == 0 ? null : "127.0.0." + s.c() + ":1",
                            "pk" + s.b(), clock));
                    break;
                case 2:
                    append(new Event.PeerConnected(peer, s.b() % 2 == 0 ? null : "127.0.0." + s.b() + ":2", clock));
                    break;
                case 3:
                    if (s.b() % 3 == 0) {
                        append(new Event.UserForgotten(peer, clock));
                    } else {
                        append(new Event.PeerDisconnected(peer, "test", clock));
                    }
                    break;
                case 4: {
                    Map<NodeId, Long> links = new HashMap<>();
                    Map<NodeId, List<Dependency>> meta = new HashMap<>();
                    for (int i = 0; i <= s.b() % PEERS.size(); i++) {
                        NodeId to = peer(s.a() + i);
                        links.put(to, linkOut.merge(to, 1L, Long::sum));
                        meta.put(to, List.of(new Dependency(SELF, 1, Set.of(to))));
                    }
                    append(new Event.MessageSent(new MessageId(SELF, nextSeq(SELF)), links.keySet(), meta, links,
                            payload(s), clock, clock + s.c()));
                    break;
                }
                case 5:
                case 6: {
                    MessageId id = new MessageId(peer, nextSeq(peer));
                    // Some are delivered at once (one entry), the others wait for a MessageDelivered.
                    boolean atOnce = s.c() % 3 == 0;
                    long index = append(new Event.MessageReceived(id, Set.of(SELF), List.of(), linkIn.merge(peer, 1L, Long::sum)
                            + (s.kind() == 6 ? s.b() : 0), payload(s), clock - 3, clock, atOnce));
                    if (!atOnce) {
                        undelivered.add(new long[] {index});
                        undeliveredIds.add(id);
                    }
                    break;
                }
                case 7:
                case 8:
                    if (!undelivered.isEmpty()) {
                        int k = s.b() % undelivered.size();
                        long index = undelivered.remove(k)[0];
                        append(new Event.MessageDelivered(undeliveredIds.remove(k), clock));
                    }
                    break;
                case 9:
                    append(new Event.PeerAcked(peer, Math.min(linkOut.getOrDefault(peer, 0L), s.c()), clock));
                    break;
                case 10:
                    if (s.c() == 0) {
                        append(new Event.IdentityCreated(SELF, NAMES.get(s.b() % NAMES.size()), "pk-self", clock));
                    } else {
                        // a delivery of a message never received: must be ignored the same way live and on replay
                        append(new Event.MessageDelivered(new MessageId(peer, 99 + s.c()), clock));
                    }
                    break;
                default:
                    throw new IllegalStateException("kind " + s.kind());
            }
        }
    }
}

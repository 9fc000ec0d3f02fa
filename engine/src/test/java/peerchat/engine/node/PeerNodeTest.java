package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;
import peerchat.store.event.GroupName;

/** Two and three real nodes in one JVM, on their own loopback addresses, with real logs on disk. */
class PeerNodeTest {
    static final Duration WAIT = LoopbackNodes.WAIT;

    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackNodes nodes = new LoopbackNodes(() -> dir);

    static final class Watched {
        final Node node;
        final List<ChatEvent> events = new CopyOnWriteArrayList<>();

        Watched(Node node) {
            this.node = node;
            node.events().subscribe(events::add);
        }

        List<String> texts() {
            return events.stream().filter(e -> e instanceof ChatEvent.Message).map(e -> ((ChatEvent.Message) e).message().text())
                    .collect(Collectors.toList());
        }

        Reply run(String line) {
            return node.execute(line).block(WAIT);
        }
    }

    private Watched start(String name, String host, String... seeds) {
        return new Watched(nodes.start(name, name, host, seeds));
    }

    private static void awaitPeers(Watched w, int online) {
        LoopbackNodes.awaitOnline(w.node, online);
    }

    @Test
    void twoNodesTalkInAllInGroupsAndDirectly() {
        Watched[] pair = twoLinked();
        Watched alice = pair[0];
        Watched bob = pair[1];

        assertThat(alice.run("hello everyone")).isInstanceOf(Reply.Sent.class);
        await().atMost(WAIT).until(() -> bob.texts().contains("hello everyone"));
        // It depended on nothing bob lacked: one log entry says received and delivered.
        List<peerchat.store.event.Event> logged = new java.util.ArrayList<>();
        ((PeerNode) bob.node).store().log().replay(l -> logged.add(l.event()));
        assertThat(logged).filteredOn(e -> e instanceof peerchat.store.event.Event.MessageReceived r && r.payload().toString().contains("hello everyone"))
                .singleElement().matches(e -> ((peerchat.store.event.Event.MessageReceived) e).deliveredAtOnce());
        assertThat(logged).noneMatch(e -> e instanceof peerchat.store.event.Event.MessageDelivered);

        assertThat(alice.run("-creategroup dev")).isInstanceOf(Reply.Done.class);
        await().atMost(WAIT).until(() -> bob.node.groups().stream().anyMatch(g -> g.name().equals("dev")));
        assertThat(bob.run("#dev sneaky")).isInstanceOf(Reply.Error.class);
        assertThat(bob.run("-joingroup dev")).isInstanceOf(Reply.Done.class);
        await().atMost(WAIT).until(() -> alice.node.groups().stream().anyMatch(g -> g.name().equals("dev") && g.members().size() == 2));
        assertThat(bob.run("#dev ship it")).isInstanceOf(Reply.Sent.class);
        assertThat(bob.run("@alice just you")).isInstanceOf(Reply.Sent.class);
        await().atMost(WAIT).until(() -> alice.texts().containsAll(List.of("ship it", "just you")));

        Reply.Messages dm = (Reply.Messages) alice.run("-history @bob");
        assertThat(dm.messages()).extracting(m -> m.text()).containsExactly("just you");
        assertThat(dm.messages().get(0).conversation()).isEqualTo(new Conversation.Direct(bob.node.self().id()));
        Reply.Messages all = (Reply.Messages) bob.run("-history #all");
        assertThat(all.messages()).extracting(m -> m.text()).containsExactly("hello everyone");

        assertThat(alice.run("/me waves")).isInstanceOf(Reply.Sent.class);
        await().atMost(WAIT).until(() -> bob.texts().contains("/me waves"));
        assertThat(messages(bob)).filteredOn(MessageView::action).singleElement()
                .satisfies(m -> assertThat(m.shownText()).isEqualTo("waves"));

        assertThat(bob.run("-leavegroup all")).isInstanceOf(Reply.Error.class);
        assertThat(bob.run("-leavegroup dev")).isInstanceOf(Reply.Done.class);
        await().atMost(WAIT).until(() -> alice.node.groups().stream().anyMatch(g -> g.name().equals("dev") && g.members().size() == 1));
    }

    @Test
    void aMessageThatNamesTheUserIsAMentionLiveAndInHistory() {
        Watched[] pair = twoLinked();
        Watched alice = pair[0];
        Watched bob = pair[1];

        bob.run("Alice, can you look?");
        bob.run("malice is not a name");
        alice.run("bob: alice here");
        await().atMost(WAIT).until(() -> alice.texts().size() == 3 && bob.texts().size() == 3);

        // Alice's line and bob's are concurrent: each node may show them in its own order.
        assertThat(messages(alice)).extracting(MessageView::text, MessageView::mention).containsExactlyInAnyOrder(
                tuple("Alice, can you look?", true), tuple("malice is not a name", false), tuple("bob: alice here", false));
        assertThat(messages(bob)).extracting(MessageView::text, MessageView::mention).containsExactlyInAnyOrder(
                tuple("Alice, can you look?", false), tuple("malice is not a name", false), tuple("bob: alice here", true));
        Reply.Messages history = (Reply.Messages) alice.run("-history #all");
        assertThat(history.messages()).extracting(MessageView::text, MessageView::mention).containsExactlyInAnyOrder(
                tuple("Alice, can you look?", true), tuple("malice is not a name", false), tuple("bob: alice here", false));
    }

    /** -id shows an id in full, grouped for reading aloud, one's own or another's; the same on both sides. */
    @Test
    void idShowsAUsersIdInFullOnEitherSide() {
        Watched[] pair = twoLinked();
        Watched alice = pair[0];
        Watched bob = pair[1];
        String bobs = bob.node.self().id().value();
        String grouped = String.join(" ", bobs.split("(?<=\\G.{4})"));
        assertThat(grouped).hasSize(39);
        assertThat(alice.run("-id @bob")).isEqualTo(new Reply.Done("id", "bob's id: " + grouped
                + " (if bob's own -id shows the same, read to you in person or on the phone, what is shown as bob's comes from bob's key)"));
        assertThat(bob.run("-id")).isEqualTo(new Reply.Done("id", "your id: " + grouped
                + " (someone whose -id @bob shows the same, read to them in person or on the phone, is talking to this node)"));
        assertThat(alice.run("-id #all")).isInstanceOf(Reply.Error.class);
        assertThat(alice.run("-id @nobody")).isInstanceOf(Reply.Error.class);
    }

    /**
     * -ignore hides a user's messages live, in history, in a search and in -since, after a restart
     * too (it is logged); they are still received and kept, so -unignore shows the past ones again.
     */
    @Test
    void anIgnoredUsersMessagesAreHiddenEverywhereUntilUnignoredAcrossARestart() {
        Watched[] pair = twoLinked();
        Watched alice = pair[0];
        Watched bob = pair[1];
        bob.run("before");
        await().atMost(WAIT).until(() -> alice.texts().contains("before"));

        assertThat(alice.run("-ignore @bob")).isEqualTo(new Reply.Done("ignore",
                "ignoring bob: their messages are hidden, past ones too (-unignore @bob shows them again)"));
        bob.run("hidden in all");
        bob.run("@alice hidden direct");
        alice.run("mine");
        await().atMost(WAIT).until(() -> alice.node.historySize() == 4);
        assertThat(alice.texts()).containsExactly("before", "mine");
        assertThat(texts(alice.run("-history #all"))).containsExactly("mine");
        assertThat(texts(alice.run("-history @bob"))).isEmpty();
        assertThat(texts(alice.run("-search hidden"))).isEmpty();
        assertThat(texts(alice.run("-since 0"))).containsExactly("mine");
        assertThat(alice.run("-ignore")).isEqualTo(new Reply.Done("ignore", "you ignore bob (-unignore @user shows theirs again)"));
        assertThat(alice.node.user(bob.node.self().id())).hasValueSatisfying(u -> assertThat(u.ignored()).isTrue());
        assertThat(alice.run("-ignore bob")).isInstanceOf(Reply.Error.class);
        assertThat(alice.run("-ignore @alice")).isEqualTo(new Reply.Error("ignore", "that is you"));
        assertThat(alice.run("-ignore #all")).isInstanceOf(Reply.Error.class);
        assertThat(bob.texts()).as("bob is not told").contains("mine");

        stop(alice);
        Watched again = start("alice", "127.0.0.2");
        assertThat(texts(again.run("-history #all"))).containsExactly("mine");
        assertThat(again.run("-unignore @bob")).isEqualTo(new Reply.Done("unignore", "showing bob's messages again, past ones too"));
        assertThat(texts(again.run("-history #all"))).containsExactly("before", "hidden in all", "mine");
        assertThat(texts(again.run("-history @bob"))).containsExactly("hidden direct");
        assertThat(again.run("-unignore @bob")).isEqualTo(new Reply.Error("unignore", "you do not ignore bob"));
        assertThat(again.run("-ignore")).isEqualTo(new Reply.Done("ignore", "you ignore nobody (-ignore @user hides a user's messages)"));
        assertThat(again.node.user(bob.node.self().id())).hasValueSatisfying(u -> assertThat(u.ignored()).isFalse());
        awaitPeers(again, 2);
        bob.run("shown again");
        await().atMost(WAIT).until(() -> again.texts().contains("shown again"));
    }

    private static List<String> texts(Reply reply) {
        assertThat(reply).isInstanceOf(Reply.Messages.class);
        return ((Reply.Messages) reply).messages().stream().map(MessageView::text).collect(Collectors.toList());
    }

    /** "/quit see you": the others show bob offline at once, with his words; words too long keep him here to put them right. */
    @Test
    void partingWordsReachThoseOnline() {
        Watched[] pair = twoLinked();
        Watched alice = pair[0];
        Watched bob = pair[1];
        assertThat(bob.run("/quit " + "x".repeat(161))).isEqualTo(new Reply.Error("quit",
                "not quitting: parting words are at most 160 characters (these are 161)"));
        assertThat(bob.run("/quit see you tomorrow")).isEqualTo(new Reply.Quit("quit"));
        stop(bob);
        await().atMost(WAIT).until(() -> alice.events.stream().anyMatch(e -> e instanceof ChatEvent.PeerDown d
                && d.user().name().equals("bob") && d.reason().equals("quit: see you tomorrow")));
    }

    @Test
    void aMessageToNobodyOnlineSaysSoAndArrivesWhenTheyAreBack() {
        Watched[] pair = twoLinked();
        Watched alice = pair[0];
        Watched bob = pair[1];
        assertThat(alice.run("-creategroup dev")).isInstanceOf(Reply.Done.class);
        await().atMost(WAIT).until(() -> bob.node.groups().stream().anyMatch(g -> g.name().equals("dev")));
        assertThat(bob.run("-joingroup dev")).isInstanceOf(Reply.Done.class);
        await().atMost(WAIT).until(() -> alice.node.groups().stream().anyMatch(g -> g.name().equals("dev") && g.members().size() == 2));
        assertThat(((Reply.Sent) alice.run("@bob online now")).notice()).isEmpty();
        assertThat(((Reply.Done) alice.run("-open @bob")).text()).isEqualTo("now talking in @bob");
        assertThat(bob.run("-creategroup ops")).isInstanceOf(Reply.Done.class);
        await().atMost(WAIT).until(() -> alice.node.groups().stream().anyMatch(g -> g.name().equals("ops")));
        assertThat(((Reply.Done) alice.run("-open #ops")).text()).isEqualTo("now talking in #ops (you are not in it: -joingroup ops to write there)");
        assertThat(((Reply.Sent) alice.run("#dev online now")).notice()).isEmpty();
        await().atMost(WAIT).until(() -> bob.texts().size() == 2);

        stop(bob);
        awaitPeers(alice, 1);
        assertThat(((Reply.Done) alice.run("-open @bob")).text()).isEqualTo("now talking in @bob (bob is offline: what you write goes when bob is back)");
        assertThat(((Reply.Sent) alice.run("@bob are you there?")).notice()).isEqualTo("bob is offline: bob gets it when back");
        assertThat(((Reply.Sent) alice.run("#dev anyone?")).notice()).isEqualTo("no one else in #dev is online: they get it when back");
        assertThat(((Reply.Sent) alice.run("#all anyone at all?")).notice()).isEqualTo("no one else in #all is online: they get it when back");
        assertThat(((Reply.Sent) alice.run("#all hello?")).notice()).as("said once, not for every line").isEmpty();
        assertThat(((Reply.Sent) alice.run("@bob ping")).notice()).as("another conversation").isEqualTo("bob is offline: bob gets it when back");
        assertThat(((Reply.Done) alice.run("-waiting")).text()).endsWith(String.format(
                "5 sent from here not yet acknowledged by all their recipients:%n  bob: 5 (bob is offline: when bob is back, or sooner through others who keep copies)"));

        Watched back = start("bob", "127.0.0.3", alice.node.self().listen());
        await().atMost(WAIT).until(() -> back.texts().containsAll(List.of("are you there?", "anyone?", "anyone at all?", "hello?", "ping")));
        await().atMost(WAIT).until(() -> ((Reply.Done) alice.run("-waiting")).text()
                .equals("nothing is held back: every message received here has been shown"));
    }

    private static List<MessageView> messages(Watched w) {
        return w.events.stream().filter(e -> e instanceof ChatEvent.Message).map(e -> ((ChatEvent.Message) e).message())
                .collect(Collectors.toList());
    }

    @Test
    void aReceivedMessageIsTakenInAndShownOnTheReceiversOneThreadTheEventLoopOfItsLinks() {
        Watched[] pair = twoLinked();
        Watched alice = pair[0];
        Watched bob = pair[1];
        List<String> threads = new CopyOnWriteArrayList<>();
        bob.node.events().subscribe(e -> {
            if (e instanceof ChatEvent.Message m && !m.message().own()) {
                threads.add(Thread.currentThread().getName());
            }
        });
        assertThat(alice.run("#all on which thread?")).isInstanceOf(Reply.Sent.class);
        await().atMost(WAIT).until(() -> !threads.isEmpty());
        // NodeLoop's thread, named after the node: no hand-over from the socket's thread to another.
        assertThat(threads.get(0)).startsWith("peerchat-node-bob-");
    }

    @Test
    void aNodeThatFailsToStartAfterItsLogOpenedLetsGoOfItsThreadAndLog() {
        // Its first timestamp is taken when it records its identity, after the log has opened.
        Clock broken = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                throw new IllegalStateException("no time today");
            }
        };
        NodeConfig config = NodeConfig.loopback("carol", dir.resolve("carol"), "127.0.0.4");
        assertThatThrownBy(() -> Node.start(config.withClock(broken)).block(WAIT)).hasMessageContaining("no time today");
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("peerchat-node-carol-")));

        Watched carol = start("carol", "127.0.0.4");
        assertThat(carol.run("-lu")).isInstanceOf(Reply.Users.class);
        assertThat(carol.node.users()).anyMatch(u -> u.self() && u.name().equals("carol"));
    }

    @Test
    void aRestartedNodeHasItsHistoryAndGetsWhatWasSentWhileItWasDown() {
        Watched alice = start("alice", "127.0.0.2");
        Watched bob = start("bob", "127.0.0.3", alice.node.self().listen());
        awaitPeers(alice, 2);
        alice.run("before");
        await().atMost(WAIT).until(() -> bob.texts().contains("before"));
        String bobId = bob.node.self().id().value();

        stop(bob);
        awaitPeers(alice, 1);
        alice.run("while you were away");
        alice.run("@bob and this");

        Watched bob2 = start("bob", "127.0.0.3");
        assertThat(bob2.node.self().id().value()).isEqualTo(bobId);
        await().atMost(WAIT).until(() -> bob2.texts().containsAll(List.of("while you were away", "and this")));
        Reply.Messages all = (Reply.Messages) bob2.run("-history all");
        assertThat(all.messages()).extracting(m -> m.text()).containsExactly("before", "while you were away");
        assertThat(bob2.node.groups()).anyMatch(g -> g.name().equals(GroupName.ALL.value()) && g.members().size() == 2);
    }

    /**
     * A destination that was down gets a message from another destination while its sender is
     * away: alice's question reaches bob through carol, who kept a sealed copy for him, and so
     * carol's answer is not held back. alice's own copy, once she is back, is dropped.
     */
    @Test
    void aMessageMissedWhileDownComesThroughAnotherDestinationWhileItsSenderIsAway() {
        Watched[] trio = threeMeshed();
        Watched alice = trio[0];
        Watched bob = trio[1];
        Watched carol = trio[2];

        stop(bob);
        awaitPeers(alice, 2);
        alice.run("a question");
        await().atMost(WAIT).until(() -> carol.texts().contains("a question"));
        stop(alice);
        awaitPeers(carol, 1);
        carol.run("the answer");
        // what carol keeps for bob is in her log: it survives her restart
        stop(carol);
        Watched carol2 = start("carol", "127.0.0.4");

        Watched bob2 = start("bob", "127.0.0.3", carol2.node.self().listen());
        await().atMost(WAIT).until(() -> bob2.texts().equals(List.of("a question", "the answer")));
        assertThat(bob2.node.user(alice.node.self().id()).map(UserView::online)).contains(false);

        Watched alice2 = start("alice", "127.0.0.2", carol2.node.self().listen());
        peerchat.store.event.NodeId bobId = bob2.node.self().id();
        await().atMost(WAIT).until(() -> alice2.node.user(bobId).map(UserView::online).orElse(false)
                && ((PeerNode) alice2.node).store().links().unacked(bobId).length == 0);
        assertThat(bob2.run("-history all")).isInstanceOfSatisfying(Reply.Messages.class,
                h -> assertThat(h.messages()).extracting(m -> m.text()).containsExactly("a question", "the answer"));
        assertThat(bob2.texts()).containsExactly("a question", "the answer");
    }

    /**
     * What nobody else got cannot be passed on: alice's direct message to bob reaches him only
     * from her, and what follows it (her question in #all, which carol kept for him, and carol's
     * answer) waits at bob until she is back. -waiting says so, instead of silence.
     */
    @Test
    void whatFollowsADirectMessageMissedWhileDownWaitsForItsAuthorAndWaitingSaysWhy() {
        Watched[] trio = threeMeshed();
        Watched alice = trio[0];
        Watched bob = trio[1];
        Watched carol = trio[2];
        assertThat(((Reply.Done) bob.run("-waiting")).text()).isEqualTo("nothing is held back: every message received here has been shown");

        stop(bob);
        awaitPeers(alice, 2);
        alice.run("@bob just for you");
        alice.run("#all a question");
        await().atMost(WAIT).until(() -> carol.texts().contains("a question"));
        stop(alice);
        awaitPeers(carol, 1);
        carol.run("the answer");

        Watched bob2 = start("bob", "127.0.0.3", carol.node.self().listen());
        await().atMost(WAIT).until(() -> ((Reply.Done) bob2.run("/waiting")).text().startsWith("2 messages held back"));
        assertThat(((Reply.Done) bob2.run("-waiting")).text())
                .contains("  alice: 1 message, waiting for earlier messages from alice (alice is offline: they come when alice is back, or sooner through others who keep copies)")
                .contains("  carol: 1 message, waiting for messages from alice (alice is offline: they come when alice is back, or sooner through others who keep copies)");
        assertThat(bob2.texts()).isEmpty();
        // and bob's frontends are told without asking (once both have waited a moment)
        await().atMost(WAIT).until(() -> bob2.events.stream().anyMatch(e -> e instanceof ChatEvent.HeldBack h && h.messages() == 2));
        assertThat(bob2.events).filteredOn(e -> e instanceof ChatEvent.HeldBack h && h.messages() == 2).first()
                .isInstanceOfSatisfying(ChatEvent.HeldBack.class, h -> assertThat(h.text()).contains("waiting for messages from alice"));

        start("alice", "127.0.0.2", carol.node.self().listen());
        await().atMost(WAIT).until(() -> bob2.texts().equals(List.of("just for you", "a question", "the answer")));
        assertThat(((Reply.Done) bob2.run("-waiting")).text()).startsWith("nothing is held back");
        // and told that it is over: once, right after the delivery that let the last of them
        // through (on the node thread, nothing between), not at a later look
        await().atMost(WAIT).until(() -> bob2.events.stream().anyMatch(e -> e instanceof ChatEvent.Released));
        List<ChatEvent> events = List.copyOf(bob2.events);
        assertThat(events).filteredOn(e -> e instanceof ChatEvent.Released).singleElement()
                .isEqualTo(new ChatEvent.Released("the messages held back have all arrived: nothing is held back any more"));
        int last = events.indexOf(events.stream().filter(e -> e instanceof ChatEvent.Message m && m.message().text().equals("the answer"))
                .findFirst().orElseThrow());
        assertThat(events.get(last + 1)).isInstanceOf(ChatEvent.Released.class);
    }

    /** alice, bob and carol, each seeing the other two. */
    private Watched[] twoLinked() {
        Watched alice = start("alice", "127.0.0.2");
        Watched bob = start("bob", "127.0.0.3", alice.node.self().listen());
        awaitPeers(alice, 2);
        awaitPeers(bob, 2);
        return new Watched[] {alice, bob};
    }

    private Watched[] threeMeshed() {
        Watched alice = start("alice", "127.0.0.2");
        Watched bob = start("bob", "127.0.0.3", alice.node.self().listen());
        Watched carol = start("carol", "127.0.0.4", alice.node.self().listen());
        for (Watched w : List.of(alice, bob, carol)) {
            awaitPeers(w, 3);
        }
        return new Watched[] {alice, bob, carol};
    }

    private void stop(Watched w) {
        nodes.stop(w.node);
    }

    @Test
    void aNewcomerLearnsTheGroupsThatExist() {
        Watched alice = start("alice", "127.0.0.2");
        Watched bob = start("bob", "127.0.0.3", alice.node.self().listen());
        awaitPeers(alice, 2);
        alice.run("-creategroup dev");
        await().atMost(WAIT).until(() -> bob.node.groups().stream().anyMatch(g -> g.name().equals("dev")));
        Watched carol = start("carol", "127.0.0.4", bob.node.self().listen());
        awaitPeers(carol, 3);
        await().atMost(WAIT).until(() -> carol.node.groups().stream().anyMatch(g -> g.name().equals("dev") && g.members().equals(List.of("alice"))));
        assertThat(carol.run("-joingroup dev")).isInstanceOf(Reply.Done.class);
        assertThat(carol.run("#dev hi from carol")).isInstanceOf(Reply.Sent.class);
        await().atMost(WAIT).until(() -> alice.texts().contains("hi from carol"));
        assertThat(bob.texts()).doesNotContain("hi from carol");
    }

    @Test
    void theBeaconAloneIntroducesNodes() {
        Node a = Node.start(NodeConfig.loopback("alice", dir.resolve("a"), "127.0.0.5").withDiscovery(true, "127.0.0.1")).block(WAIT);
        nodes.add(a);
        Node b = Node.start(NodeConfig.loopback("bob", dir.resolve("b"), "127.0.0.6").withDiscovery(true, "127.0.0.1")).block(WAIT);
        nodes.add(b);
        // other nodes on this host's loopback may answer too: only these two are asserted
        await().atMost(WAIT).until(() -> a.user(b.self().id()).map(UserView::online).orElse(false)
                && b.user(a.self().id()).map(UserView::online).orElse(false));
        assertThat(a.user(b.self().id()).orElseThrow().name()).isEqualTo("bob");
    }

    @Test
    void aLineAtTheStartOfANodeFoundByTheBeaconAloneWaitsForItsFirstRound() {
        Watched bob = new Watched(nodes.add(Node.start(NodeConfig.loopback("bob", dir.resolve("b"), "127.0.0.6")
                .withDiscovery(true, "127.0.0.1")).block(WAIT)));
        // No seed, nothing known from a run before: only the beacon can find bob. A line run at
        // once (a script piping it in) went to #all as a fresh node knows it: alice alone.
        Node alice = nodes.add(Node.start(NodeConfig.loopback("alice", dir.resolve("a"), "127.0.0.5")
                .withDiscovery(true, "127.0.0.1")).block(WAIT));
        assertThat(alice.execute("hello from the start").block(WAIT)).isInstanceOf(Reply.Sent.class);
        await().atMost(WAIT).until(() -> bob.texts().contains("hello from the start"));
    }

    @Test
    void aBeaconWithNoInterfaceYetLeavesDiscoveryOnAndWaiting() {
        // A documentation address (RFC 5737) no host has: the beacon waits for it, nothing is bound or sent.
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger network = (Logger) LoggerFactory.getLogger(Network.class);
        log.start();
        network.addAppender(log);
        try {
            Node a = Node.start(NodeConfig.loopback("alice", dir.resolve("a"), "127.0.0.5")
                    .withDiscovery(true, "203.0.113.77")).block(WAIT);
            nodes.add(a);
            List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("discovery on: "))
                    .noneSatisfy(line -> assertThat(line).startsWith("discovery off"));
        } finally {
            network.detachAppender(log);
        }
    }

    @Test
    void aNodeThatFindsNobodyByItsBeaconSaysWhatToDo() {
        // The beacon waits for a documentation address no host has: nothing is heard, nothing sent.
        Node a = Node.start(NodeConfig.loopback("alice", dir.resolve("a"), "127.0.0.5")
                .withDiscovery(true, "203.0.113.77")).block(WAIT);
        nodes.add(a);
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        a.events().subscribe(events::add);
        await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e instanceof ChatEvent.Warning));
        assertThat(events).filteredOn(e -> e instanceof ChatEvent.Warning).singleElement()
                .extracting(e -> ((ChatEvent.Warning) e).text()).asString()
                .startsWith("no other node found on this network yet").contains("--peer HOST:PORT");
    }

    @Test
    void textTheLogCannotHoldIsRefusedBeforeItIsSentAndNothingAfterItWaits() {
        Watched[] pair = twoLinked();
        Watched alice = pair[0];
        Watched bob = pair[1];
        alice.run("before");
        // Half of a surrogate pair has no UTF-8 form: a {"line":...} in --json can carry one.
        assertThat(alice.run("bad \uD800 surrogate")).isEqualTo(new Reply.Error("send",
                "not sent: it holds a broken character (half of a UTF-16 surrogate pair)"));
        assertThat(alice.run("-nick al\uD800ice")).isEqualTo(new Reply.Error("nick",
                "a name cannot hold a broken character (half of a UTF-16 surrogate pair)"));
        assertThat(alice.run("-nick \u00A0x")).isInstanceOf(Reply.Error.class);
        alice.run("after \uD83D\uDE00"); // a pair is a character like any other
        await().atMost(WAIT).until(() -> bob.texts().contains("after \uD83D\uDE00"));
        assertThat(bob.texts()).containsExactly("before", "after \uD83D\uDE00");

        // Its log is whole: it starts again.
        nodes.stop(alice.node);
        Watched again = start("alice", "127.0.0.2");
        assertThat(texts(again.run("-history #all"))).containsExactly("before", "after \uD83D\uDE00");
    }

    @Test
    void anAddressInUseIsSaidToBeWhenThePortWasGivenAndTheDataIsFreeAgain() {
        Watched alice = start("alice", "127.0.0.2");
        String listen = alice.node.self().listen();
        int port = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
        NodeConfig samePort = NodeConfig.loopback("bob", dir.resolve("bob"), "127.0.0.2").withListen("127.0.0.2", port);
        assertThatThrownBy(() -> Node.start(samePort).block(WAIT)).hasMessageContaining("cannot listen on 127.0.0.2:" + port
                + ": the address is in use (another peerchat node, or another program, listens there: --listen HOST:PORT picks another)");
        Node bob = nodes.add(Node.start(samePort.withListen("127.0.0.3", 0)).block(WAIT));
        assertThat(bob.self().name()).isEqualTo("bob");
    }

    @Test
    void aNewcomerHearsWhoIsInAGroupButNotThatTheFirstToTellItCreatedIt() {
        Watched[] pair = twoLinked();
        Watched alice = pair[0];
        Watched bob = pair[1];
        alice.run("-creategroup dev");
        await().atMost(WAIT).until(() -> bob.events.stream().anyMatch(e -> e instanceof ChatEvent.GroupCreated));
        bob.run("-joingroup dev");
        await().atMost(WAIT).until(() -> alice.events.stream().anyMatch(e -> e instanceof ChatEvent.Joined));
        assertThat(bob.events).filteredOn(e -> e instanceof ChatEvent.GroupCreated).containsExactly(new ChatEvent.GroupCreated("dev", "alice"));

        Watched carol = start("carol", "127.0.0.4", bob.node.self().listen());
        await().atMost(WAIT).until(() -> carol.node.groups().stream().anyMatch(g -> g.name().equals("dev") && g.members().size() == 2));
        assertThat(carol.events).filteredOn(e -> e instanceof ChatEvent.GroupCreated).isEmpty();
        assertThat(carol.events).filteredOn(e -> e instanceof ChatEvent.Joined)
                .containsExactlyInAnyOrder(new ChatEvent.Joined("dev", "alice"), new ChatEvent.Joined("dev", "bob"));
    }

    @Test
    void aSendsReplyHasItsPlaceInTheHistoryAsItsEventDoes() {
        Watched[] pair = twoLinked();
        Watched alice = pair[0];
        pair[1].run("one from bob");
        await().atMost(WAIT).until(() -> alice.texts().contains("one from bob"));
        Reply.Sent sent = (Reply.Sent) alice.run("then mine");
        MessageView shown = alice.events.stream().filter(e -> e instanceof ChatEvent.Message).map(e -> ((ChatEvent.Message) e).message())
                .filter(m -> m.text().equals("then mine")).findFirst().orElseThrow();
        assertThat(sent.message().cursor()).isEqualTo(shown.cursor()).isEqualTo(1);
    }

    @Test
    void aMessageHeldBackLiveIsHeldBackInTheHistoryToo() {
        Watched[] pair = twoLinked();
        Watched alice = pair[0];
        Watched bob = pair[1];
        bob.run("-delay 1 first");
        bob.run("second, after the first");
        await().atMost(WAIT).until(() -> alice.texts().size() == 2);
        List<String> live = alice.events.stream().filter(e -> e instanceof ChatEvent.Message).map(e -> ((ChatEvent.Message) e).message())
                .map(m -> m.text() + "=" + m.heldBack()).collect(Collectors.toList());
        assertThat(live).containsExactly("first=false", "second, after the first=true");
        assertThat(((Reply.Messages) alice.run("-history #all")).messages()).extracting(m -> m.text() + "=" + m.heldBack())
                .isEqualTo(live);
        // A wait under HoldNotice.AFTER is not told, so neither is its end; the end of a told one
        // comes with the delivery that ends it, before anything bob sends later.
        bob.run("a marker, after both");
        await().atMost(WAIT).until(() -> alice.texts().contains("a marker, after both"));
        long told = alice.events.stream().filter(e -> e instanceof ChatEvent.HeldBack).count();
        assertThat(alice.events.stream().filter(e -> e instanceof ChatEvent.Released).count())
                .as("released only if told (a slow machine may hold it back the full 2 s)").isEqualTo(told);
    }

    @Test
    void aSenderOverTheWaitingBoundIsNotDeadlockedByItsOwnDelayedMessage() {
        Watched[] pair = twoLinked();
        Watched alice = pair[0];
        Watched bob = pair[1];
        // everything after "first" depends on it, and "first" is transmitted after all of them:
        // more than the per-sender bound wait for a message that comes behind them on the link
        assertThat(bob.run("-delay 1 first")).isInstanceOf(Reply.Sent.class);
        int n = PeerNode.MAX_BUFFERED_PER_SENDER + 100;
        for (int i = 0; i < n; i++) {
            bob.node.execute("after " + i).block(WAIT);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> alice.texts().size() == n + 1);
        assertThat(alice.texts().get(0)).isEqualTo("first");
        assertThat(alice.texts().get(n)).isEqualTo("after " + (n - 1));
    }

    @Test
    void badCommandsAreErrorsAndTheNodeGoesOn() {
        Watched alice = start("alice", "127.0.0.2");
        assertThat(alice.run("-nosuch")).isInstanceOf(Reply.Error.class);
        assertThat(alice.run("@nobody hi")).isInstanceOf(Reply.Error.class);
        assertThat(alice.run("-joingroup nogroup")).isInstanceOf(Reply.Error.class);
        assertThat(alice.run("-creategroup bad!name")).isInstanceOf(Reply.Error.class);
        assertThat(alice.run("x".repeat(5000))).isInstanceOf(Reply.Error.class);
        assertThat(alice.run("still here")).isInstanceOf(Reply.Sent.class);
    }
}

package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;

/**
 * A user takes another name ({@code -nick}, or {@code --name} at a start): real nodes on their own
 * loopback addresses with real logs. Everyone who knew the old name is told once, in the rename's
 * causal place; newcomers hear the new name in the handshake; it survives restarts on both sides.
 */
class RenameTest {
    private static final Duration WAIT = LoopbackNodes.WAIT;

    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackNodes nodes = new LoopbackNodes(() -> dir);

    private static final class Watched {
        final Node node;
        /** Messages (their text) and renames ({@code was->now}), in the order the node told them. */
        final List<String> told = new CopyOnWriteArrayList<>();
        final List<ChatEvent.Renamed> renames = new CopyOnWriteArrayList<>();
        /** Others' messages that name this node's user, and the others'. */
        final List<String> mentions = new CopyOnWriteArrayList<>();
        final List<String> notMentions = new CopyOnWriteArrayList<>();
        /** {@code self().name()} as a rename was told. */
        final List<String> selfWhenTold = new CopyOnWriteArrayList<>();

        Watched(Node node) {
            this.node = node;
            node.events().subscribe(e -> {
                if (e instanceof ChatEvent.Message m) {
                    told.add(m.message().text());
                    if (!m.message().own()) {
                        (m.message().mention() ? mentions : notMentions).add(m.message().text());
                    }
                } else if (e instanceof ChatEvent.Renamed r) {
                    renames.add(r);
                    told.add(r.was() + "->" + r.user().name());
                    selfWhenTold.add(node.self().name());
                }
            });
        }

        Reply run(String line) {
            return node.execute(line).block(WAIT);
        }

        String nameOf(Node other) {
            return node.user(other.self().id()).map(UserView::name).orElse(null);
        }
    }

    private Watched start(String name, String host, String... seeds) {
        return startAs(name, name, host, seeds);
    }

    /** The node in {@code dir/<folder>}, started as {@code name}. */
    private Watched startAs(String folder, String name, String host, String... seeds) {
        return new Watched(nodes.start(folder, name, host, seeds));
    }

    private void stop(Watched w) {
        nodes.stop(w.node);
    }

    private static void awaitOnline(Watched w, int online) {
        LoopbackNodes.awaitOnline(w.node, online);
    }

    /**
     * Until {@code at}'s log has {@code who} under {@code name}. The handshake shows a peer online
     * a moment before its presence is logged: a node stopped in between never knew that name, and
     * a rename from it is then no news to it (seen: 2 runs in 40 under load).
     */
    private static void awaitLogged(Watched at, Watched who, String name) {
        await().atMost(WAIT).until(() -> ((PeerNode) at.node).store().membership().user(who.node.self().id())
                .map(peerchat.store.projection.UserInfo::name).filter(name::equals).isPresent());
    }

    @Test
    void aNewNameReachesEveryoneInItsPlaceAmongTheMessagesAndIsKept() {
        Watched alice = start("alice", "127.0.0.2");
        Watched bob = start("bob", "127.0.0.3", alice.node.self().listen());
        awaitOnline(alice, 2);
        alice.run("before");

        Reply reply = alice.run("/nick alice2");
        assertThat(reply).isEqualTo(new Reply.Done("nick", "you are now known as alice2"));
        alice.run("after");
        assertThat(alice.node.self().name()).isEqualTo("alice2");
        assertThat(alice.told).containsExactly("before", "alice->alice2", "after");
        assertThat(alice.renames).singleElement().satisfies(r -> assertThat(r.user().self()).isTrue());
        assertThat(alice.selfWhenTold).containsExactly("alice2");

        await().atMost(WAIT).until(() -> bob.told.contains("after"));
        assertThat(bob.told).containsExactly("before", "alice->alice2", "after");
        assertThat(bob.renames).singleElement().satisfies(r -> {
            assertThat(r.user().self()).isFalse();
            assertThat(r.user().label()).isEqualTo("alice2");
        });
        assertThat(bob.nameOf(alice.node)).isEqualTo("alice2");
        assertThat(bob.run("@alice2 hi")).isInstanceOf(Reply.Sent.class);
        assertThat(bob.run("@alice hello?")).isEqualTo(new Reply.Error("send", "no user or group called alice (alice is now known as @alice2)"));
        Reply.Messages history = (Reply.Messages) bob.run("-history #all");
        assertThat(history.messages()).extracting(MessageView::text).containsExactly("before", "after");
        // Each line under the name it was written under (as IRC logs keep them), the rename between them.
        assertThat(history.messages()).extracting(MessageView::from).containsExactly("alice", "alice2");
        assertThat(history.renames()).extracting(r -> r.was() + "->" + r.user().label()).containsExactly("alice->alice2");
        // Her new name in a line names her; the old one no longer does.
        bob.run("thanks alice2");
        bob.run("alice was here");
        await().atMost(WAIT).until(() -> alice.mentions.size() + alice.notMentions.size() == 3);
        assertThat(alice.mentions).containsExactly("thanks alice2"); // a direct message is no mention: it is to her anyway
        assertThat(alice.notMentions).containsExactly("hi", "alice was here");

        // Both keep it: alice starts under it (as the launcher does, from her data directory) and
        // tells nobody anything new; bob has it from his log.
        stop(alice);
        stop(bob);
        Watched alice2 = startAs("alice", "alice2", "127.0.0.2");
        Watched bob2 = start("bob", "127.0.0.3", alice2.node.self().listen());
        awaitOnline(bob2, 2);
        assertThat(bob2.nameOf(alice2.node)).isEqualTo("alice2");
        assertThat(alice2.nameOf(alice2.node)).isEqualTo("alice2");
        alice2.run("back");
        await().atMost(WAIT).until(() -> bob2.told.contains("back"));
        assertThat(bob2.renames).isEmpty();
        assertThat(alice2.renames).isEmpty();

        // A rename since neither makes nor unmakes a mention in the history: it is as it was live.
        alice2.run("/nick alice");
        Reply.Messages past = (Reply.Messages) alice2.run("-history #all");
        assertThat(past.messages()).filteredOn(MessageView::mention).extracting(MessageView::text).containsExactly("thanks alice2");
    }

    @Test
    void aNodeStartedUnderAnotherNameTellsEveryoneOnce() {
        Watched alice = start("alice", "127.0.0.4");
        Watched bob = start("bob", "127.0.0.5", alice.node.self().listen());
        awaitOnline(bob, 2);
        stop(alice);
        awaitOnline(bob, 1);

        Watched ally = startAs("alice", "ally", "127.0.0.4", bob.node.self().listen());
        ally.run("it is me");
        await().atMost(WAIT).until(() -> bob.told.contains("it is me"));
        assertThat(bob.told).containsExactly("alice->ally", "it is me");
        assertThat(bob.nameOf(ally.node)).isEqualTo("ally");
    }

    @Test
    void someoneAwayIsToldWhenBackAndANewcomerHearsOnlyTheNewName() {
        Watched alice = start("alice", "127.0.0.6");
        Watched bob = start("bob", "127.0.0.7", alice.node.self().listen());
        awaitOnline(alice, 2);
        awaitLogged(bob, alice, "alice");
        stop(bob);
        awaitOnline(alice, 1);
        assertThat(alice.run("-nick alicia")).isInstanceOf(Reply.Done.class);
        alice.run("while you were away");

        Watched bobBack = start("bob", "127.0.0.7", alice.node.self().listen());
        await().atMost(WAIT).until(() -> bobBack.told.contains("while you were away"));
        assertThat(bobBack.told).containsExactly("alice->alicia", "while you were away");
        assertThat(bobBack.nameOf(alice.node)).isEqualTo("alicia");

        // carol was nobody alice told: the handshake gives her the name alice has now.
        Watched carol = start("carol", "127.0.0.8", alice.node.self().listen());
        awaitOnline(carol, 3);
        assertThat(carol.nameOf(alice.node)).isEqualTo("alicia");
        alice.run("hi carol");
        await().atMost(WAIT).until(() -> carol.told.contains("hi carol"));
        assertThat(carol.renames).isEmpty();
    }

    @Test
    void whoRenamedIsSaidAsTheyWereShownNotByTheirBareFormerName() {
        Watched alice = start("alice", "127.0.0.10");
        Watched bob = start("bob", "127.0.0.11", alice.node.self().listen());
        awaitOnline(alice, 2);
        awaitLogged(alice, bob, "bob");
        stop(alice); // a name someone online goes by is refused (below); taken while they are away, it is not
        awaitOnline(bob, 1);
        assertThat(bob.run("-nick alice")).isInstanceOf(Reply.Done.class);
        assertThat(bob.run("-nick bobby")).isInstanceOf(Reply.Done.class);
        Watched alice2 = start("alice", "127.0.0.10", bob.node.self().listen());
        await().atMost(WAIT).until(() -> alice2.renames.size() == 2);
        // Plain "alice is now known as bobby" would read, on alice's screen, as her own rename.
        assertThat(alice2.renames).extracting(r -> r.was() + " -> " + r.user().label())
                .containsExactly("bob -> alice@127.0.0.11", "alice@127.0.0.11 -> bobby");
    }

    @Test
    void aNameSomeoneOnlineGoesByIsRefused() {
        Watched alice = start("alice", "127.0.0.12");
        Watched bob = start("bob", "127.0.0.13", alice.node.self().listen());
        awaitOnline(bob, 2);
        for (String name : List.of("alice", "Alice", "\u0430lice")) { // the last with a Cyrillic a
            assertThat(bob.run("-nick " + name)).as(name).isInstanceOfSatisfying(Reply.Error.class, e -> assertThat(e.message())
                    .isEqualTo("alice, online now, goes by that name: choose another, so that what you write is not taken for theirs"));
        }
        assertThat(bob.node.self().name()).isEqualTo("bob");
        assertThat(alice.renames).isEmpty();
    }

    @Test
    void aNameThatCannotBeIsRefusedAndNothingChanges() {
        Watched alice = start("alice", "127.0.0.9");
        for (String line : List.of("-nick", "-nick al ice", "-nick @al", "-nick #al", "-nick alice", "-nick " + "a".repeat(33),
                "-nick al\u200Bice")) {
            assertThat(alice.run(line)).as(line).isInstanceOf(Reply.Error.class);
        }
        assertThat(((Reply.Error) alice.run("-nick alice")).message()).isEqualTo("you are alice already");
        assertThat(alice.node.self().name()).isEqualTo("alice");
        assertThat(alice.renames).isEmpty();
        assertThat(alice.run("-lu")).isInstanceOfSatisfying(Reply.Users.class,
                u -> assertThat(u.users().stream().map(UserView::name).collect(Collectors.toList())).containsExactly("alice"));
    }
}

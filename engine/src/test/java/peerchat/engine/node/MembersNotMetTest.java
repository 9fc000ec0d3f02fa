package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static peerchat.engine.node.LoopbackNodes.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;

/**
 * A group's messages reach its members whoever has met whom: real nodes on their own loopback
 * addresses with real logs. A node learns who is in its groups from the first peer it meets (the
 * roster of a handshake), so a newcomer who has met one member writes to all of them, and a member
 * back from away writes to the newcomer it has not met. Before, each sent only to the members it
 * had met, and the others never got those messages, with nothing said (QA, stop 27: 3 of 3).
 */
class MembersNotMetTest {
    private static final Duration WAIT = LoopbackNodes.WAIT;

    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackNodes nodes = new LoopbackNodes(() -> dir);

    private static List<String> history(Node node, String conversation) {
        return ((Reply.Messages) run(node, "-history " + conversation)).messages().stream()
                .map(m -> m.from() + ": " + m.text()).collect(Collectors.toList());
    }

    private static List<String> members(Node node, String group) {
        Reply r = run(node, "-members " + group);
        return r instanceof Reply.Members m ? m.members().stream().map(UserView::name).collect(Collectors.toList()) : List.of();
    }

    @Test
    void aNewcomerWhoMetOneMemberWritesToTheMembersAwayToo() {
        Node alice = nodes.start("alice", "alice", "127.0.0.171");
        Node bob = nodes.start("bob", "bob", "127.0.0.172", alice.self().listen());
        run(bob, "-creategroup dev");
        await().atMost(WAIT).until(() -> members(alice, "dev").contains("bob"));
        run(alice, "-joingroup dev");
        nodes.stop(bob);

        // dave never meets bob: he is away the whole time dave is up.
        Node dave = nodes.start("dave", "dave", "127.0.0.174", alice.self().listen());
        await().atMost(WAIT).until(() -> members(dave, "dev").containsAll(List.of("alice", "bob")));
        assertThat(dave.user(bob.self().id()).map(UserView::online)).contains(false);
        run(dave, "-joingroup dev");
        run(dave, "#dev hello from dave");
        run(dave, "#all hi all from dave");
        await().atMost(WAIT).until(() -> history(alice, "#dev").contains("dave: hello from dave"));
        nodes.stop(dave);

        // bob comes back to alice alone, who kept dave's copies for him.
        Node bobBack = nodes.start("bob", "bob", "127.0.0.172", alice.self().listen());
        await().atMost(WAIT).until(() -> history(bobBack, "#dev").contains("dave: hello from dave"));
        await().atMost(WAIT).until(() -> history(bobBack, "#all").contains("dave: hi all from dave"));
        assertThat(members(bobBack, "dev")).containsExactlyInAnyOrder("alice", "bob", "dave");
    }

    /**
     * A message written at once after a start (a script piping a line in) waits until the network
     * is heard from, and goes to the group's members as they are now: before, it went to those of
     * the last run, and carol, who joined meanwhile, never got it (QA, stop 28: 2 of 2).
     */
    @Test
    void aMessageWrittenAtOnceAfterAStartGoesToTheMembersOfNow() {
        Node alice = nodes.start("alice", "alice", "127.0.0.186");
        Node dave = nodes.start("dave", "dave", "127.0.0.189", alice.self().listen());
        run(dave, "-creategroup dev");
        await().atMost(WAIT).until(() -> members(alice, "dev").contains("dave"));
        nodes.stop(dave);
        Node carol = nodes.start("carol", "carol", "127.0.0.187", alice.self().listen());
        run(carol, "-joingroup dev");
        await().atMost(WAIT).until(() -> members(alice, "dev").contains("carol"));
        nodes.stop(carol);

        Node daveBack = nodes.start("dave", "dave", "127.0.0.189", alice.self().listen());
        run(daveBack, "#dev early from dave");
        Node carolBack = nodes.start("carol", "carol", "127.0.0.187", alice.self().listen());
        await().atMost(WAIT).until(() -> history(carolBack, "#dev").contains("dave: early from dave"));
    }

    /**
     * A peer met for the first time learns this node's groups from its roster: the joins are not
     * sent again as new messages, whose new numbers every roster passed on as news (QA, stop 28: a
     * first meeting logged a UserHeard on every node).
     */
    @Test
    void aFirstMeetingSendsNoJoinsAgain() {
        Node alice = nodes.start("alice", "alice", "127.0.0.181");
        run(alice, "-creategroup dev");
        Node dave = nodes.start("dave", "dave", "127.0.0.184", alice.self().listen());
        await().atMost(WAIT).until(() -> members(dave, "dev").contains("alice"));
        assertThat(((PeerNode) alice).store().links().lastSent(dave.self().id())).as("alice sent dave nothing").isZero();
    }

    @Test
    void aMemberBackFromAwayWritesToTheNewcomerItHasNotMet() {
        Node alice = nodes.start("alice", "alice", "127.0.0.176");
        Node carol = nodes.start("carol", "carol", "127.0.0.177", alice.self().listen());
        run(carol, "-creategroup dev");
        await().atMost(WAIT).until(() -> members(alice, "dev").contains("carol"));
        run(alice, "-joingroup dev"); // a member online, to keep copies for the members away
        await().atMost(WAIT).until(() -> members(carol, "dev").contains("alice"));
        nodes.stop(carol);

        Node dave = nodes.start("dave", "dave", "127.0.0.179", alice.self().listen());
        await().atMost(WAIT).until(() -> members(dave, "dev").contains("carol"));
        run(dave, "-joingroup dev");
        await().atMost(WAIT).until(() -> members(alice, "dev").contains("dave"));
        nodes.stop(dave);

        // carol is back while dave is away: she has never met him.
        Node carolBack = nodes.start("carol", "carol", "127.0.0.177", alice.self().listen());
        await().atMost(WAIT).until(() -> members(carolBack, "dev").contains("dave"));
        run(carolBack, "#dev welcome dave");
        await().atMost(WAIT).until(() -> ((Reply.Done) run(carolBack, "-waiting")).text().contains("dave: 1"));
        nodes.stop(carolBack);

        Node daveBack = nodes.start("dave", "dave", "127.0.0.179", alice.self().listen());
        await().atMost(WAIT).until(() -> history(daveBack, "#dev").contains("carol: welcome dave"));
        assertThat(((Reply.Messages) run(daveBack, "-history #dev")).messages()).extracting(MessageView::text)
                .containsExactly("welcome dave");
    }
}

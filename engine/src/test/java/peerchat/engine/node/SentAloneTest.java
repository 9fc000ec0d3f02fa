package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.UserView;
import peerchat.store.event.NodeId;

/**
 * What a node sends while linked to none of its destinations has no one to keep copies for the
 * others at send. The first destination that links then keeps them, so that what follows it,
 * anyone's, is not held back at the others until its sender is back. Real nodes on loopback.
 */
class SentAloneTest {
    static final Duration WAIT = LoopbackNodes.WAIT;

    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackNodes nodes = new LoopbackNodes(() -> dir);

    private PeerNodeTest.Watched start(String folder, String name, String host, String... seeds) {
        return new PeerNodeTest.Watched(nodes.start(folder, name, host, seeds));
    }

    /** alice, bob and carol meshed; then bob and carol stop, and alice is alone. */
    private PeerNodeTest.Watched[] aliceLeftAlone() {
        PeerNodeTest.Watched alice = start("alice", "alice", "127.0.0.2");
        PeerNodeTest.Watched bob = start("bob", "bob", "127.0.0.3", alice.node.self().listen());
        PeerNodeTest.Watched carol = start("carol", "carol", "127.0.0.4", alice.node.self().listen());
        for (PeerNodeTest.Watched w : List.of(alice, bob, carol)) {
            LoopbackNodes.awaitOnline(w.node, 3);
        }
        nodes.stop(bob.node);
        nodes.stop(carol.node);
        LoopbackNodes.awaitOnline(alice.node, 1);
        return new PeerNodeTest.Watched[] {alice, bob, carol};
    }

    private static int copiesKeptFor(PeerNodeTest.Watched keeper, NodeId forPeer) {
        return ((PeerNode) keeper.node).store().links().unackedCopies(forPeer);
    }

    @Test
    void whatASenderWroteAloneIsKeptByTheFirstDestinationThatLinks() {
        PeerNodeTest.Watched[] trio = aliceLeftAlone();
        PeerNodeTest.Watched alice = trio[0];
        NodeId bobId = trio[1].node.self().id();

        alice.run("said alone");
        PeerNodeTest.Watched carol = start("carol", "carol", "127.0.0.4", alice.node.self().listen());
        await().atMost(WAIT).until(() -> carol.texts().contains("said alone"));
        await().atMost(WAIT).until(() -> copiesKeptFor(carol, bobId) == 1);
        PeerNodeTest.Watched bob = aliceGoesThenCarolAnswersAndBobComes(alice, carol);
        assertThat(bob.node.user(alice.node.self().id()).map(UserView::online)).contains(false);
    }

    /** alice stops, carol answers, bob starts linked to carol alone: he must get both, in order. */
    private PeerNodeTest.Watched aliceGoesThenCarolAnswersAndBobComes(PeerNodeTest.Watched alice, PeerNodeTest.Watched carol) {
        nodes.stop(alice.node);
        LoopbackNodes.awaitOnline(carol.node, 1);
        carol.run("the answer");
        PeerNodeTest.Watched bob = start("bob", "bob", "127.0.0.3", carol.node.self().listen());
        await().atMost(WAIT).until(() -> bob.texts().equals(List.of("said alone", "the answer")));
        return bob;
    }

    /**
     * The same for what an earlier run sent alone before it stopped, and for the rename a start
     * under another name sends before any link is up.
     */
    @Test
    void whatAnEarlierRunWroteAloneAndARenameAtStartAreKeptToo() {
        PeerNodeTest.Watched[] trio = aliceLeftAlone();
        NodeId aliceId = trio[0].node.self().id();
        NodeId bobId = trio[1].node.self().id();
        trio[0].run("said alone");
        nodes.stop(trio[0].node);

        PeerNodeTest.Watched alicia = start("alice", "alicia", "127.0.0.2");
        PeerNodeTest.Watched carol = start("carol", "carol", "127.0.0.4", alicia.node.self().listen());
        await().atMost(WAIT).until(() -> carol.texts().contains("said alone")
                && carol.node.user(aliceId).map(UserView::name).orElse("").equals("alicia"));
        await().atMost(WAIT).until(() -> copiesKeptFor(carol, bobId) == 2);
        PeerNodeTest.Watched bob = aliceGoesThenCarolAnswersAndBobComes(alicia, carol);
        assertThat(bob.node.user(aliceId).map(UserView::name)).contains("alicia");
    }
}

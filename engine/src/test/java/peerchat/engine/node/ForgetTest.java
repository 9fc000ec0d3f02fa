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
 * A user gone for good is forgotten ({@code -forget}): real nodes on their own loopback addresses
 * with real logs. What is sent afterwards is not for them (no copy waits for them, none is kept
 * for them by others), the forget holds across a restart, and they are known again, and get what
 * was for them before, when they do come back.
 */
class ForgetTest {
    private static final Duration WAIT = LoopbackNodes.WAIT;

    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackNodes nodes = new LoopbackNodes(() -> dir);

    private static List<String> listed(Node node) {
        return node.users().stream().map(UserView::name).collect(Collectors.toList());
    }

    private static List<String> history(Node node) {
        return ((Reply.Messages) run(node, "-history #all")).messages().stream().map(MessageView::text).collect(Collectors.toList());
    }

    private static String waiting(Node node) {
        return ((Reply.Done) run(node, "-waiting")).text();
    }

    @Test
    void aForgottenUserGetsNothingNewUntilTheyAreBackAndThenWhatWasForThem() {
        Node alice = nodes.start("alice", "alice", "127.0.0.61");
        Node bob = nodes.start("bob", "bob", "127.0.0.62", alice.self().listen());
        Node carol = nodes.start("carol", "carol", "127.0.0.63", alice.self().listen());
        LoopbackNodes.awaitOnline(alice, 3);
        LoopbackNodes.awaitOnline(carol, 3);
        run(bob, "hi all");
        await().atMost(WAIT).until(() -> history(alice).contains("hi all"));
        assertThat(run(alice, "-forget @bob")).isEqualTo(new Reply.Error("forget",
                "bob is online: -forget is for someone gone for good (-ignore @bob hides their messages)"));

        nodes.stop(bob);
        LoopbackNodes.awaitOnline(alice, 2);
        run(alice, "before");
        assertThat(waiting(alice)).contains("bob: 1 (bob is offline");
        run(alice, "-open @bob");

        assertThat(run(alice, "-forget @bob")).isInstanceOfSatisfying(Reply.Done.class,
                d -> assertThat(d.text()).startsWith("forgot bob: out of your lists and groups"));
        // His conversation is still the one open: it keeps his name, and nothing goes to him from there either.
        assertThat(alice.label(bob.self().id())).isEqualTo("bob");
        assertThat(run(alice, "still there?")).isEqualTo(new Reply.Error("send",
                "you forgot bob with -forget: nothing you write goes to them (they are known again when they connect)"));
        run(alice, "-open #all");
        assertThat(listed(alice)).containsExactly("alice", "carol");
        assertThat(run(alice, "-forget")).isEqualTo(new Reply.Done("forget", "you forgot bob (known again when they connect)"));
        assertThat(run(alice, "@bob still there?")).isEqualTo(new Reply.Error("send",
                "no user or group called bob (you forgot bob with -forget: they are known again when they connect)"));
        assertThat(run(alice, "-forget @alice")).isEqualTo(new Reply.Error("forget", "that is you"));
        run(alice, "after");
        await().atMost(WAIT).until(() -> history(carol).contains("after"));
        assertThat(waiting(alice)).as("nothing more waits for bob").contains("bob: 1 (");
        assertThat(listed(carol)).as("only alice forgot him").containsExactly("alice", "bob", "carol");
        assertThat(((Reply.Members) run(alice, "-members all")).members()).extracting(UserView::name).containsExactly("alice", "carol");
        // What he wrote is still there, under his name.
        assertThat(((Reply.Messages) run(alice, "-history #all")).messages())
                .filteredOn(m -> m.text().equals("hi all")).extracting(MessageView::from).containsExactly("bob");

        // The forget is in the log.
        nodes.stop(alice);
        Node aliceAgain = nodes.start("alice", "alice", "127.0.0.61");
        assertThat(listed(aliceAgain)).containsExactly("alice", "carol");
        assertThat(run(aliceAgain, "-forget")).isEqualTo(new Reply.Done("forget", "you forgot bob (known again when they connect)"));

        // bob was not gone after all: known again, he gets what was for him and nothing that was not.
        Node bobBack = nodes.start("bob", "bob", "127.0.0.62", aliceAgain.self().listen());
        await().atMost(WAIT).until(() -> aliceAgain.user(bobBack.self().id()).map(UserView::online).orElse(false));
        assertThat(listed(aliceAgain)).containsExactly("alice", "bob", "carol");
        await().atMost(WAIT).until(() -> history(bobBack).contains("before"));
        assertThat(run(aliceAgain, "-forget")).isEqualTo(new Reply.Done("forget", "you forgot nobody (-forget @user drops a user gone for good)"));
        run(aliceAgain, "welcome back");
        await().atMost(WAIT).until(() -> history(bobBack).contains("welcome back"));
        assertThat(history(bobBack)).containsExactly("hi all", "before", "welcome back");
        await().atMost(WAIT).until(() -> !waiting(aliceAgain).contains("bob:"));
    }
}

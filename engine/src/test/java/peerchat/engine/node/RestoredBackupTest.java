package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Node;
import peerchat.engine.api.Reply;

/**
 * A node whose log lost its newest part (its data directory restored from a backup) while a peer
 * kept what it sent meanwhile: it numbers on after what the peer has, so both hear each other
 * again. Before, the peer took every later send for one it had and dropped it (by its link seq,
 * and by its message id), and the node dropped for good every message of the peer's that followed
 * the lost ones: nobody was told (QA, stop 30, 5 of 5).
 */
class RestoredBackupTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackNodes nodes = new LoopbackNodes(() -> dir);

    @Test
    void aNodeRestoredFromABackupIsHeardAndHearsAgain() throws IOException {
        Node bob = nodes.start("bob", "bob", "127.0.0.3");
        String seed = bob.self().listen();
        List<String> bobGot = texts(bob);
        Node alice = nodes.start("alice", "alice", "127.0.0.2", seed);
        LoopbackNodes.awaitOnline(alice, 2);
        assertThat(LoopbackNodes.run(alice, "before the backup")).isInstanceOf(Reply.Sent.class);
        await().atMost(LoopbackNodes.WAIT).until(() -> bobGot.contains("before the backup"));
        nodes.stop(alice);
        DataDirCopy.copy(dir.resolve("alice"), dir.resolve("backup"));

        alice = nodes.start("alice", "alice", "127.0.0.2", seed);
        LoopbackNodes.awaitOnline(alice, 2);
        LoopbackNodes.run(alice, "after the backup 1");
        LoopbackNodes.run(alice, "after the backup 2");
        await().atMost(LoopbackNodes.WAIT).until(() -> bobGot.contains("after the backup 2"));
        LoopbackNodes.run(bob, "bob read them");
        nodes.stop(alice);

        delete(dir.resolve("alice"));
        DataDirCopy.copy(dir.resolve("backup"), dir.resolve("alice"));
        alice = nodes.start("alice", "alice", "127.0.0.2", seed);
        List<ChatEvent> told = new CopyOnWriteArrayList<>();
        alice.events().subscribe(told::add);
        List<String> aliceGot = texts(alice);
        assertThat(LoopbackNodes.run(alice, "restored")).isInstanceOf(Reply.Sent.class);
        LoopbackNodes.run(bob, "welcome back"); // follows the messages alice's log lost
        await().atMost(LoopbackNodes.WAIT).until(() -> bobGot.contains("restored") && aliceGot.contains("welcome back"));
        assertThat(bobGot).containsExactly("before the backup", "after the backup 1", "after the backup 2", "restored");
        assertThat(told).filteredOn(e -> e instanceof ChatEvent.Warning).singleElement()
                .extracting(e -> ((ChatEvent.Warning) e).text()).asString()
                .startsWith("bob had 2 more of what this node sent than its log holds");

        // And so after another start: the log holds where it numbered on from.
        nodes.stop(alice);
        alice = nodes.start("alice", "alice", "127.0.0.2", seed);
        List<String> aliceThen = texts(alice);
        LoopbackNodes.run(alice, "once more");
        LoopbackNodes.run(bob, "and again");
        await().atMost(LoopbackNodes.WAIT).until(() -> bobGot.contains("once more") && aliceThen.contains("and again"));
    }

    private static List<String> texts(Node node) {
        List<String> texts = new CopyOnWriteArrayList<>();
        node.events().subscribe(e -> {
            if (e instanceof ChatEvent.Message m && !m.message().own()) {
                texts.add(m.message().text());
            }
        });
        return texts;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

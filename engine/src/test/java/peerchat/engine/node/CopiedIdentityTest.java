package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Node;

/**
 * Two nodes with one identity (a data directory copied) that only dial a third, by --peer, are
 * told: the third's gossip puts their id at the other's address, and the one dialing it finds
 * itself there with another nonce. Before, only the beacon found a copy (QA, stop 30: 20 s, no
 * warning on any of the three, and the copy's messages never arrived).
 */
class CopiedIdentityTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackNodes nodes = new LoopbackNodes(() -> dir);

    @Test
    void twoNodesWithOneIdentityMeetingOnlyThroughAThirdAreWarned() throws IOException {
        nodes.stop(nodes.start("alice", "alice", "127.0.0.2"));
        DataDirCopy.copy(dir.resolve("alice"), dir.resolve("copy"));

        Node carol = nodes.start("carol", "carol", "127.0.0.3");
        String seed = carol.self().listen();
        Node alice = nodes.start("alice", "alice", "127.0.0.2", seed);
        List<String> warnings = new CopyOnWriteArrayList<>();
        alice.events().subscribe(e -> warn(e, warnings));
        LoopbackNodes.awaitOnline(alice, 2);
        Node copy = nodes.start("copy", "alice", "127.0.0.4", seed);
        copy.events().subscribe(e -> warn(e, warnings));
        assertThat(copy.self().id()).isEqualTo(alice.self().id());

        await().atMost(LoopbackNodes.WAIT).until(() -> !warnings.isEmpty());
        assertThat(warnings).allSatisfy(w -> assertThat(w).startsWith("another node uses this node's identity, at 127.0.0."));
    }

    private static void warn(ChatEvent e, List<String> warnings) {
        if (e instanceof ChatEvent.Warning w) {
            warnings.add(w.text());
        }
    }
}

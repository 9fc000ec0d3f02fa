package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.Reply;
import reactor.core.publisher.Flux;

/**
 * A clean stop right after a burst: what the peers online have not acknowledged yet reaches them
 * before the node goes, not at its next start. A script piping lines into {@code --json} and closing
 * its input stops just so (QA, under load: 2217 of 3000 arrived, the rest at the sender's next start). Real
 * nodes on loopback.
 */
class CleanStopTest {
    private static final int BURST = 10_000;

    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackNodes nodes = new LoopbackNodes(() -> dir);

    @Test
    void aBurstReachesThePeersOnlineBeforeTheSenderStops() {
        PeerNodeTest.Watched alice = new PeerNodeTest.Watched(nodes.start("alice", "alice", "127.0.0.2"));
        PeerNodeTest.Watched bob = new PeerNodeTest.Watched(nodes.start("bob", "bob", "127.0.0.3", alice.node.self().listen()));
        LoopbackNodes.awaitOnline(alice.node, 2);
        LoopbackNodes.awaitOnline(bob.node, 2);

        // Pipelined, as a script's lines are: alice takes them faster than bob does, and more than
        // a link holds for sending (8192 frames), so much is still on her side when she stops.
        List<Reply> replies = Flux.range(0, BURST).flatMapSequential(i -> alice.node.execute("burst " + i), 256)
                .collectList().block(LoopbackNodes.WAIT);
        assertThat(replies).hasSize(BURST).allMatch(r -> r instanceof Reply.Sent);
        alice.node.shutdown().block(LoopbackNodes.WAIT); // at once, as at the end of a script's input

        // Stopped means acknowledged by the peers online, and bob acknowledges what he has shown.
        assertThat(bob.texts()).containsExactlyElementsOf(IntStream.range(0, BURST).mapToObj(i -> "burst " + i).toList());
    }
}

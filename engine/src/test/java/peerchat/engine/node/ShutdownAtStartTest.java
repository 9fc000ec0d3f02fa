package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;
import peerchat.engine.api.Reply;

/**
 * A command that waits at a start for the network ({@code Network.settled}) when the node is shut
 * down is not run, and says so. QA sent SIGTERM to a `--json` node whose seed accepted and never
 * answered: of 8 runs, 2 answered the send with no message shown for it, 2 said "the log is
 * closed", 4 gave no answer at all.
 */
class ShutdownAtStartTest {
    private static final Duration WAIT = LoopbackNodes.WAIT;

    @TempDir
    Path dir;

    @Test
    void aCommandWaitingForTheNetworkWhenTheNodeShutsDownIsNotRun() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket()) {
            // Takes the node's dial and never says a word: the start waits for it (up to 5 s).
            silent.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.9"), 0));
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.start();
            NodeConfig config = NodeConfig.loopback("alice", dir.resolve("alice"), "127.0.0.2")
                    .withSeeds(List.of("127.0.0.9:" + silent.getLocalPort()));
            Node node = Node.start(config).block(WAIT);

            CompletableFuture<Reply> reply = node.execute("hello").toFuture();
            node.shutdown().block(WAIT);

            // Answered by the time the node is closed: in a process ended by a signal, nothing
            // later is ever written (before, the wait for the seed went on, and its timeout ran on
            // the node's thread, which the close stopped: no answer at all).
            assertThat(reply).isCompletedWithValue(new Reply.Error("command", "not run: the node is shutting down"));
            Node again = Node.start(config.withSeeds(List.of())).block(WAIT);
            try {
                assertThat(again.history(Conversation.all(), 10).block(WAIT)).extracting(MessageView::text).doesNotContain("hello");
            } finally {
                again.shutdown().block(WAIT);
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}

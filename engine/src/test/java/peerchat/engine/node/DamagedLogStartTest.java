package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;
import peerchat.engine.api.Reply;

/**
 * A log cut short (a power cut before the kernel wrote its pages back) does not stop the node: it
 * starts with what the log can give, keeps the damaged one beside it, and says so. Before, it did
 * not start, and the message advised starting as a new identity (QA, stop 30).
 */
class DamagedLogStartTest {
    private static final java.time.Duration WAIT = LoopbackNodes.WAIT;

    @TempDir
    Path dir;

    @Test
    void aLogCutShortStartsWithWhatItCanGiveAndSaysSo() throws IOException {
        NodeConfig config = NodeConfig.loopback("alice", dir.resolve("alice"), "127.0.0.2");
        Node alice = Node.start(config).block(WAIT);
        for (int i = 0; i < 40; i++) {
            assertThat(alice.execute("line " + i + " end").block(WAIT)).isInstanceOf(Reply.Sent.class);
        }
        alice.shutdown().block(WAIT);
        Path log = dir.resolve("alice").resolve("log");
        Path file;
        try (Stream<Path> files = Files.list(log)) {
            file = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        int at = text.lastIndexOf(":)\n", text.indexOf("line 30 end"));
        assertThat(at).isPositive();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(at);
        }

        Node again = Node.start(config).block(WAIT);
        try {
            List<ChatEvent> told = new CopyOnWriteArrayList<>();
            again.events().subscribe(told::add);
            await().atMost(WAIT).until(() -> !told.isEmpty());
            assertThat(told.get(0)).isInstanceOf(ChatEvent.Warning.class);
            assertThat(((ChatEvent.Warning) told.get(0)).text()).startsWith("the log was damaged (cut short or overwritten)")
                    .contains("the damaged one is kept in " + dir.resolve("alice").resolve("log.damaged-"));
            List<String> texts = again.history(Conversation.all(), 100).block(WAIT).stream().map(MessageView::text).toList();
            assertThat(texts).hasSizeBetween(1, 30).startsWith("line 0 end").doesNotContain("line 30 end");
            assertThat(again.execute("after the damage").block(WAIT)).isInstanceOf(Reply.Sent.class);
        } finally {
            again.shutdown().block(WAIT);
        }
        // And it starts again as a log like any other.
        Node third = Node.start(config).block(WAIT);
        try {
            assertThat(third.history(Conversation.all(), 100).block(WAIT)).extracting(MessageView::text).contains("after the damage");
        } finally {
            third.shutdown().block(WAIT);
        }
    }
}

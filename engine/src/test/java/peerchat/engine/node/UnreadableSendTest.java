package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;
import peerchat.engine.api.Reply;

/**
 * A send of its own the log cannot give back (its entry damaged in the queue file) does not stop
 * the node from starting: it starts with everything else, and numbers on after the lost one. QA
 * zeroed 16 bytes in a log of 3,531 messages: 3 of 6 places stopped the node (`replayed send …
 * does not follow clock …`).
 */
class UnreadableSendTest {
    private static final java.time.Duration WAIT = LoopbackNodes.WAIT;

    @TempDir
    Path dir;

    @Test
    void aNodeWithADamagedSendOfItsOwnStartsWithTheRestAndNumbersOnAfterIt() throws IOException {
        NodeConfig config = NodeConfig.loopback("alice", dir.resolve("alice"), "127.0.0.2");
        Node alice = Node.start(config).block(WAIT);
        for (String text : List.of("first line", "second line damaged", "third line")) {
            assertThat(alice.execute(text).block(WAIT)).isInstanceOf(Reply.Sent.class);
        }
        alice.shutdown().block(WAIT);
        damage(dir.resolve("alice").resolve("log"), "second line damaged");

        Node again = Node.start(config).block(WAIT);
        try {
            assertThat(again.history(Conversation.all(), 10).block(WAIT)).extracting(MessageView::text)
                    .containsExactly("first line", "third line");
            Reply sent = again.execute("fourth line").block(WAIT);
            assertThat(sent).isInstanceOf(Reply.Sent.class);
            // Its own message ids are <id>-<timestamp>: the first three had 1 to 3 (after its name, if logged as one).
            String id = ((Reply.Sent) sent).message().id();
            long seq = Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
            assertThat(seq).isGreaterThan(3);
        } finally {
            again.shutdown().block(WAIT);
        }
    }

    /** Zeroes the 16 bytes before {@code text} in the queue file: the entry's encoding, not the text, is broken. */
    private static void damage(Path log, String text) throws IOException {
        Path file;
        try (Stream<Path> files = Files.list(log)) {
            file = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        int at = indexOf(bytes, needle);
        assertThat(at).isGreaterThan(16);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at - 16);
            raf.write(new byte[16]);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;
import peerchat.engine.api.Reply;

/**
 * A node whose identity has been used but whose log is gone does not start (its peers would drop
 * what it sends next as copies of what they have: QA moved a log away as the message for a damaged
 * one advised, and nothing either side sent got through again), and says how to go on; the data
 * is left as it was.
 */
class LostLogTest {
    private static final Duration WAIT = LoopbackNodes.WAIT;

    @TempDir
    Path dir;

    @Test
    void aUsedIdentityWithoutItsLogDoesNotStartAndSaysWhatToDo() throws IOException {
        Path data = dir.resolve("alice");
        NodeConfig config = NodeConfig.loopback("alice", data, "127.0.0.2");
        Node first = Node.start(config).block(WAIT);
        assertThat(first.execute("hello").block(WAIT)).isInstanceOf(Reply.Sent.class);
        first.shutdown().block(WAIT);

        Path away = dir.resolve("log-away");
        Files.move(data.resolve("log"), away);
        assertThatThrownBy(() -> Node.start(config).block(WAIT))
                .hasMessageContaining("holds nothing, but this node's identity")
                .hasMessageContaining("move the data directory " + data + " away");

        // Nothing was written meanwhile, and the directory is free: with its log back, all is there.
        assertThat(Files.exists(data.resolve("log"))).isFalse();
        Files.move(away, data.resolve("log"));
        Node again = Node.start(config).block(WAIT);
        assertThat(again.history(Conversation.all(), 10).block(WAIT)).extracting(MessageView::text).containsExactly("hello");
        again.shutdown().block(WAIT);

        // A log emptied where it is (its files deleted, the directory left) is a lost one too.
        try (Stream<Path> files = Files.list(data.resolve("log"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        assertThatThrownBy(() -> Node.start(config).block(WAIT)).hasMessageContaining("holds nothing, but this node's identity");
    }

    @Test
    void aLoggedIdentityWithoutItsKeyDoesNotStartAndNoNewKeyIsMade() throws IOException {
        Path data = dir.resolve("carol");
        NodeConfig config = NodeConfig.loopback("carol", data, "127.0.0.2");
        Node first = Node.start(config).block(WAIT);
        String id = first.self().id().value();
        first.shutdown().block(WAIT);
        Path key = data.resolve(peerchat.engine.identity.Identity.KEY_FILE);
        Path away = dir.resolve("key-away");
        Files.move(key, away);

        assertThatThrownBy(() -> Node.start(config).block(WAIT))
                .hasMessageContaining("the identity key " + key + " is missing")
                .hasMessageContaining("the history of the identity " + id);
        assertThat(Files.exists(key)).isFalse();
        Files.move(away, key);
        Node again = Node.start(config).block(WAIT);
        assertThat(again.self().id().value()).isEqualTo(id);
        again.shutdown().block(WAIT);
    }

    @Test
    void aNewDataDirectoryStartsAndSoDoesAnEmptyLogOfANewIdentity() {
        Path data = dir.resolve("bob");
        NodeConfig config = NodeConfig.loopback("bob", data, "127.0.0.2");
        Node first = Node.start(config).block(WAIT);
        first.shutdown().block(WAIT);
        // Started once and nothing done: the log still holds its identity, so it starts.
        Node again = Node.start(config).block(WAIT);
        assertThat(again.self().name()).isEqualTo("bob");
        again.shutdown().block(WAIT);
    }
}

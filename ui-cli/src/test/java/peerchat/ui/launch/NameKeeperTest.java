package peerchat.ui.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.ui.testing.FakeNode;

class NameKeeperTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void theUsersOwnNewNameIsStoredAtOnceAndAnothersIsNot() {
        FakeNode node = new FakeNode();
        NameFile.store(dir, "alice");
        try (NameKeeper keeper = NameKeeper.start(node, dir)) {
            node.rename(FakeNode.BOB, "bobby");
            node.rename(FakeNode.SELF, "alice2");
            await().atMost(WAIT).until(() -> NameFile.read(dir).equals(Optional.of("alice2")));
            node.rename(FakeNode.SELF, "alice3");
            await().atMost(WAIT).until(() -> NameFile.read(dir).equals(Optional.of("alice3")));
        }
        assertThat(node.subscribers()).isZero();
        assertThat(NameFile.read(dir)).contains("alice3");
    }

    /** The event stream is the node's: a name that cannot be written is logged, and the events go on. */
    @Test
    void aNameThatCannotBeWrittenIsLoggedNotThrownAtTheNode() throws Exception {
        FakeNode node = new FakeNode();
        Path notADirectory = Files.writeString(dir.resolve("file"), "");
        try (NameKeeper keeper = NameKeeper.start(node, notADirectory)) {
            node.rename(FakeNode.SELF, "alice2");
            node.rename(FakeNode.SELF, "alice3");
            assertThat(node.subscribers()).isEqualTo(1);
        }
        assertThat(Files.readString(notADirectory)).isEmpty();
    }
}

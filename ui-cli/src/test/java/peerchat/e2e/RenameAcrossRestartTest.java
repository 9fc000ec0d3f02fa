package peerchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.ui.launch.NameFile;

/**
 * {@code -nick} through the launcher, two nodes as separate processes: the data directory keeps
 * the new name at once, and a start without {@code --name} is under it, with no rename back.
 */
class RenameAcrossRestartTest {
    @TempDir
    Path dir;

    private static Predicate<JsonNode> event(String name) {
        return l -> l.path("event").asText().equals(name);
    }

    private static boolean lists(JsonNodeProcess at, String name) {
        return StreamSupport.stream(at.command("-lu").path("users").spliterator(), false)
                .anyMatch(u -> u.path("name").asText().equals(name) && u.path("online").asBoolean());
    }

    @Test
    void aNewNameIsStoredAtOnceAndTheNextStartWithoutANameKeepsIt() throws Exception {
        Path aliceData = dir.resolve("alice");
        try (JsonNodeProcess alice = JsonNodeProcess.start("alice", aliceData, "127.0.0.31");
             JsonNodeProcess bob = JsonNodeProcess.start("bob", dir.resolve("bob"), "127.0.0.32", alice.listen())) {
            await().atMost(JsonNodeProcess.WAIT).until(() -> lists(bob, "alice"));

            JsonNode answer = alice.command("-nick alice2");
            assertThat(answer.path("event").asText()).as(answer.toString()).isEqualTo("result");
            await().atMost(JsonNodeProcess.WAIT).until(() -> NameFile.read(aliceData).equals(Optional.of("alice2")));
            assertThat(alice.alive()).as("stored while the node runs").isTrue();
            JsonNode told = bob.awaitLine(event("renamed"));
            assertThat(told.path("was").asText()).isEqualTo("alice");
            assertThat(told.path("name").asText()).isEqualTo("alice2");
            assertThat(alice.quit()).isZero();

            try (JsonNodeProcess again = JsonNodeProcess.startAgain(aliceData, "127.0.0.31", bob.listen())) {
                assertThat(again.ready().path("name").asText()).isEqualTo("alice2");
                // What the restart sent (a rename, had it started under another name) comes before this.
                again.command("back again");
                bob.awaitMessage("back again");
                assertThat(bob.linesMatching(event("renamed"))).hasSize(1);
                assertThat(lists(bob, "alice2")).isTrue();
                assertThat(again.quit()).isZero();
            }
            assertThat(NameFile.read(aliceData)).contains("alice2");
        }
    }
}

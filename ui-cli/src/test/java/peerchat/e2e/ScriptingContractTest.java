package peerchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes as separate processes on their own loopback addresses, driven through {@code --json}
 * exactly as a script would drive them (DESIGN.md › Launcher and the scripting contract).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScriptingContractTest {
    @TempDir
    static Path dir;

    JsonNodeProcess alice;
    JsonNodeProcess bob;
    JsonNodeProcess carol;

    @BeforeAll
    void startThree() {
        alice = JsonNodeProcess.start("alice", dir.resolve("alice"), "127.0.0.11");
        bob = JsonNodeProcess.start("bob", dir.resolve("bob"), "127.0.0.12", alice.listen());
        carol = JsonNodeProcess.start("carol", dir.resolve("carol"), "127.0.0.13", bob.listen());
        for (JsonNodeProcess n : List.of(alice, bob, carol)) {
            await().atMost(JsonNodeProcess.WAIT).until(() -> n.command("-lu").path("users").size() == 3);
        }
    }

    @AfterAll
    void stopAll() throws InterruptedException {
        for (JsonNodeProcess n : List.of(alice, bob, carol)) {
            if (n != null) {
                n.close();
            }
        }
    }

    private static Predicate<JsonNode> event(String name) {
        return l -> l.path("event").asText().equals(name);
    }

    private static List<String> names(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(u -> u.path(field).asText()).sorted().collect(Collectors.toList());
    }

    @Test
    @Order(1)
    void readySaysWhoAndWhere() {
        JsonNode ready = alice.ready();
        assertThat(ready.path("id").asText()).matches("[0-9a-f]{32}");
        assertThat(ready.path("name").asText()).isEqualTo("alice");
        assertThat(ready.path("listen").asText()).startsWith("127.0.0.11:");
    }

    @Test
    @Order(2)
    void everyCommandAnswersWithItsResult() {
        JsonNode users = alice.command("-lu");
        assertThat(users.path("event").asText()).isEqualTo("result");
        assertThat(users.path("command").asText()).isEqualTo("listusers");
        assertThat(names(users.path("users"), "name")).containsExactly("alice", "bob", "carol");
        JsonNode bobView = StreamSupport.stream(users.path("users").spliterator(), false)
                .filter(u -> u.path("name").asText().equals("bob")).findFirst().orElseThrow();
        assertThat(bobView.path("id").asText()).isEqualTo(bob.id());
        assertThat(bobView.path("address").asText()).isEqualTo(bob.listen());
        assertThat(bobView.path("online").asBoolean()).isTrue();
        assertThat(names(bobView.path("groups"), "")).isNotNull();

        JsonNode created = alice.command("-creategroup Team");
        assertThat(created.path("command").asText()).isEqualTo("creategroup");
        alice.awaitLine(event("group-created").and(l -> l.path("group").asText().equals("team")));
        bob.awaitLine(event("group-created").and(l -> l.path("group").asText().equals("team")));
        assertThat(bob.command("/join team").path("event").asText()).isEqualTo("result");
        alice.awaitLine(event("joined").and(l -> l.path("user").asText().equals("bob")));

        JsonNode groups = carol.command("-lg");
        assertThat(groups.path("command").asText()).isEqualTo("listgroups");
        JsonNode team = StreamSupport.stream(groups.path("groups").spliterator(), false)
                .filter(g -> g.path("name").asText().equals("team")).findFirst().orElseThrow();
        assertThat(names(team.path("members"), "")).hasSize(2);

        JsonNode members = carol.command("-members team");
        assertThat(members.path("group").asText()).isEqualTo("team");
        assertThat(names(members.path("members"), "name")).containsExactly("alice", "bob");

        assertThat(names(carol.command("-finduser b").path("users"), "name")).containsExactly("bob");
        assertThat(names(carol.command("-findgroup EA").path("groups"), "name")).containsExactly("team");
        assertThat(carol.command("-help").path("event").asText()).isEqualTo("result");

        assertThat(bob.command("-leavegroup team").path("event").asText()).isEqualTo("result");
        alice.awaitLine(event("left").and(l -> l.path("user").asText().equals("bob")));
        assertThat(bob.command("-joingroup team").path("event").asText()).isEqualTo("result");
    }

    @Test
    @Order(3)
    void messagesReachExactlyTheirDestinations() {
        alice.command("#team for the team");
        alice.command("@bob just for bob");
        carol.command("@alice carol to alice");
        bob.awaitMessage("for the team");
        bob.awaitMessage("just for bob");
        alice.awaitMessage("carol to alice");
        // a later message to everyone: once carol has it, anything meant for her before it has come too
        alice.command("-history all");
        alice.command("marker one");
        bob.command("marker two");
        carol.awaitMessage("marker one");
        carol.awaitMessage("marker two");
        assertThat(carol.messageTexts()).doesNotContain("for the team", "just for bob");
        alice.awaitMessage("marker two");
        assertThat(bob.messageTexts()).doesNotContain("carol to alice");

        JsonNode m = bob.messages().stream().filter(l -> l.path("text").asText().equals("just for bob")).findFirst().orElseThrow();
        assertThat(m.path("from").asText()).isEqualTo("alice");
        assertThat(m.path("to").asText()).isEqualTo("@bob");
        assertThat(m.path("id").asText()).startsWith(alice.id() + "-");
        JsonNode sent = alice.messages().stream().filter(l -> l.path("text").asText().equals("just for bob")).findFirst().orElseThrow();
        assertThat(sent.path("id").asText()).as("the same id on every node").isEqualTo(m.path("id").asText());
        assertThat(sent.path("ts").asLong()).isEqualTo(m.path("ts").asLong());
        JsonNode team = bob.messages().stream().filter(l -> l.path("text").asText().equals("for the team")).findFirst().orElseThrow();
        assertThat(team.path("to").asText()).isEqualTo("#team");

        JsonNode history = bob.command("-history @alice 10");
        assertThat(history.path("command").asText()).isEqualTo("history");
        assertThat(StreamSupport.stream(history.path("messages").spliterator(), false).map(x -> x.path("text").asText()))
                .containsExactly("just for bob");

        JsonNode search = bob.command("-search FOR");
        assertThat(search.path("command").asText()).isEqualTo("search");
        assertThat(search.path("target").asText()).isEqualTo("matching \"FOR\"");
        assertThat(StreamSupport.stream(search.path("messages").spliterator(), false).map(x -> x.path("text").asText()))
                .as("every conversation, oldest first").containsExactly("for the team", "just for bob");
        assertThat(StreamSupport.stream(bob.command("/search #team for").path("messages").spliterator(), false)
                .map(x -> x.path("text").asText())).containsExactly("for the team");
        assertThat(bob.command("-search nothing like this").path("messages")).isEmpty();
        assertThat(bob.command("-search #nogroup x").path("event").asText()).isEqualTo("error");
    }

    @Test
    @Order(4)
    void aDelayedMessageHoldsBackWhatFollowsItEverywhere() {
        // q1 leaves alice 1.5 s late; q2 leaves at once but depends on q1 (alice sent it after)
        alice.command("-delay 1.5 q1 who is there?");
        alice.command("q2 anyone?");
        bob.awaitMessage("q2 anyone?");
        bob.command("a1 me");
        carol.awaitMessage("a1 me");
        for (JsonNodeProcess n : List.of(bob, carol)) {
            List<String> texts = n.messageTexts();
            assertThat(texts.indexOf("q1 who is there?")).as(n.name).isGreaterThanOrEqualTo(0).isLessThan(texts.indexOf("q2 anyone?"));
            assertThat(texts.indexOf("q2 anyone?")).as(n.name).isLessThan(texts.indexOf("a1 me"));
        }
        JsonNode q2AtBob = bob.messages().stream().filter(l -> l.path("text").asText().equals("q2 anyone?")).findFirst().orElseThrow();
        assertThat(q2AtBob.path("heldBack").asBoolean()).as("q2 arrived before q1 and was held back").isTrue();
        assertThat(CausalOrderChecker.violations(outputs())).isEmpty();
    }

    @Test
    @Order(5)
    void aConcurrentBurstFromAllThreeKeepsCausalOrder() {
        Random random = new Random(42);
        List<JsonNodeProcess> nodes = List.of(alice, bob, carol);
        int perNode = 40;
        List<String> all = new ArrayList<>();
        for (int i = 0; i < perNode; i++) {
            for (JsonNodeProcess n : nodes) {
                if (random.nextInt(4) == 0) {
                    continue;
                }
                String text = "burst " + n.name + " " + i;
                all.add(text);
                n.send(random.nextInt(5) == 0 ? "-delay 0.0" + random.nextInt(10) + " " + text : text);
            }
        }
        for (JsonNodeProcess n : nodes) {
            await().atMost(JsonNodeProcess.WAIT).until(() -> n.messageTexts().containsAll(all));
        }
        Map<String, List<CausalOrderChecker.Shown>> outputs = outputs();
        assertThat(CausalOrderChecker.violations(outputs)).isEmpty();
        for (JsonNodeProcess n : nodes) {
            assertThat(n.messageTexts().stream().filter(t -> t.startsWith("burst ")).count()).as("once each at " + n.name).isEqualTo(all.size());
        }
    }

    @Test
    @Order(6)
    void badCommandsAreErrorsAndTheNodeStaysUp() {
        for (String bad : List.of("-nosuch thing", "-joingroup", "@nobody hello", "-leavegroup all", "-joingroup nosuchgroup",
                "#nosuchgroup hi", "-creategroup bad/name", "-delay abc hi", "-history #nosuchgroup", "x".repeat(5000), "   ")) {
            JsonNode reply = alice.command(bad);
            assertThat(reply.path("event").asText()).as(bad).isEqualTo("error");
            assertThat(reply.has("command")).as(bad).isTrue();
            assertThat(reply.path("message").asText()).as(bad).isNotEmpty();
        }
        assertThat(alice.alive()).isTrue();
        assertThat(alice.command("-lu").path("event").asText()).isEqualTo("result");
        assertThat(alice.linesMatching(event("NOT-JSON"))).isEmpty();
    }

    @Test
    @Order(7)
    void aWaitToldAsHeldBackIsToldOverOnceWhatItWaitedForCame() {
        // Earlier tests' waits were short, but a slow machine may have told (and ended) one.
        int heldBefore = bob.linesMatching(event("held-back")).size();
        int releasedBefore = bob.linesMatching(event("released")).size();
        // r2 waits at bob for r1, which leaves alice 5 s late: long past the 2 s after which a wait is told
        alice.command("-delay 5 r1 the first");
        alice.command("r2 after it");
        await().atMost(JsonNodeProcess.WAIT).until(() -> bob.linesMatching(event("held-back")).size() > heldBefore);
        JsonNode held = bob.linesMatching(event("held-back")).get(heldBefore);
        assertThat(held.path("messages").asInt()).isEqualTo(1);
        assertThat(held.path("text").asText()).contains("waiting for earlier messages from alice");
        assertThat(bob.messageTexts()).doesNotContain("r2 after it");

        await().atMost(JsonNodeProcess.WAIT).until(() -> bob.linesMatching(event("released")).size() > releasedBefore);
        bob.awaitMessage("r2 after it");
        List<JsonNode> lines = bob.lines();
        int released = lines.lastIndexOf(bob.linesMatching(event("released")).get(releasedBefore));
        assertThat(lines.get(released).path("text").asText()).isEqualTo("the messages held back have all arrived: nothing is held back any more");
        assertThat(lines.get(released - 1).path("text").asText()).as("right after what was held back").isEqualTo("r2 after it");
        assertThat(lines.get(released - 2).path("text").asText()).isEqualTo("r1 the first");
        assertThat(bob.linesMatching(event("released"))).as("once").hasSize(releasedBefore + 1);
    }

    Map<String, List<CausalOrderChecker.Shown>> outputs() {
        Map<String, List<CausalOrderChecker.Shown>> out = new HashMap<>();
        for (JsonNodeProcess n : List.of(alice, bob, carol)) {
            out.put(n.name, n.messages().stream()
                    .map(m -> new CausalOrderChecker.Shown(n.name, m.path("id").asText(), m.path("from").asText()))
                    .collect(Collectors.toList()));
        }
        return out;
    }
}

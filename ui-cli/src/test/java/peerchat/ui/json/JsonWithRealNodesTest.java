package peerchat.ui.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Node;
import peerchat.ui.testing.KeyStream;
import peerchat.ui.testing.RealNodes;

/** {@code --json} on a real node, with a second real node over loopback TCP. */
class JsonWithRealNodesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private List<JsonNode> lines() {
        String text;
        synchronized (out) {
            text = out.toString(StandardCharsets.UTF_8);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (l.isEmpty()) {
                continue;
            }
            try {
                lines.add(JSON.readTree(l));
            } catch (IOException e) {
                throw new UncheckedIOException("not one JSON object: " + l, e);
            }
        }
        return lines;
    }

    private JsonNode awaitLine(Predicate<JsonNode> p) {
        await().atMost(WAIT).until(() -> lines().stream().anyMatch(p));
        return lines().stream().filter(p).findFirst().orElseThrow();
    }

    /** Where the frontend writes: {@link #out}, read while it is written to. */
    private java.io.OutputStream sink() {
        return new java.io.OutputStream() {
            @Override
            public void write(int b) {
                synchronized (out) {
                    out.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (out) {
                    out.write(b, off, len);
                }
            }
        };
    }

    private int indexOf(Predicate<JsonNode> p) {
        List<JsonNode> all = lines();
        for (int i = 0; i < all.size(); i++) {
            if (p.test(all.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static Predicate<JsonNode> event(String name) {
        return l -> l.path("event").asText().equals(name);
    }

    @Test
    void aScriptTalksToAnotherNodeAndEndsAtEndOfInput() throws Exception {
        try (RealNodes nodes = new RealNodes(dir)) {
            Node alice = nodes.start("alice", "127.0.0.1");
            KeyStream stdin = new KeyStream();
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> new JsonFrontend(stdin, sink()).run(alice));
            JsonNode ready = awaitLine(event("ready"));
            assertThat(ready.path("listen").asText()).isEqualTo(alice.self().listen());

            Node bob = nodes.start("bob", "127.0.0.2", alice.self().listen());
            Queue<ChatEvent> atBob = nodes.record(bob);
            JsonNode up = awaitLine(event("peer-up"));
            assertThat(up.path("name").asText()).isEqualTo("bob");

            bob.execute("hello script").block(WAIT);
            JsonNode hello = awaitLine(l -> event("message").test(l) && l.path("text").asText().equals("hello script"));
            assertThat(hello.path("from").asText()).isEqualTo("bob");
            assertThat(hello.path("to").asText()).isEqualTo("#all");
            assertThat(hello.path("id").asText()).isNotEmpty();

            stdin.type("-lu\n@bob hi bob\n-members nosuchgroup\n{\"line\":\"@bob two\\nlines\"}\n");
            await().atMost(WAIT).until(() -> lines().stream().filter(l -> l.path("event").asText().matches("result|error")).count() == 4);
            List<JsonNode> replies = lines().stream().filter(l -> l.path("event").asText().matches("result|error")).collect(java.util.stream.Collectors.toList());
            assertThat(replies).extracting(l -> l.path("event").asText()).containsExactly("result", "result", "error", "result");
            assertThat(replies.get(3).path("message").path("text").asText()).isEqualTo("two\nlines");
            assertThat(replies.get(0).path("users")).anySatisfy(u -> {
                assertThat(u.path("name").asText()).isEqualTo("bob");
                assertThat(u.path("online").asBoolean()).isTrue();
                assertThat(u.path("address").asText()).isEqualTo(bob.self().listen());
            });
            await().atMost(WAIT).until(() -> RealNodes.hasMessage(atBob, "alice", "hi bob"));
            await().atMost(WAIT).until(() -> RealNodes.hasMessage(atBob, "alice", "two\nlines"));

            stdin.end();
            assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
            await().atMost(WAIT).until(() -> bob.users().stream().anyMatch(u -> u.name().equals("alice") && !u.online()));
        }
    }

    /** A {@code -nick} is told to everyone: the script's own {@code renamed}, the other node's, and the lists. */
    @Test
    void aNewNameIsToldToEveryoneAndListed() throws Exception {
        try (RealNodes nodes = new RealNodes(dir)) {
            Node alice = nodes.start("alice", "127.0.0.1");
            KeyStream stdin = new KeyStream();
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> new JsonFrontend(stdin, sink()).run(alice));
            awaitLine(event("ready"));
            Node bob = nodes.start("bob", "127.0.0.2", alice.self().listen());
            Queue<ChatEvent> atBob = nodes.record(bob);
            awaitLine(event("peer-up"));
            bob.execute("hi").block(WAIT);
            awaitLine(event("message").and(l -> l.path("text").asText().equals("hi")));

            stdin.type("-nick alice2\n");
            Predicate<JsonNode> answer = event("result").and(l -> l.path("command").asText().equals("nick"));
            assertThat(awaitLine(answer).path("text").asText()).isEqualTo("you are now known as alice2");
            Predicate<JsonNode> own = event("renamed").and(l -> l.path("was").asText().equals("alice"));
            JsonNode renamed = awaitLine(own);
            assertThat(renamed.path("name").asText()).isEqualTo("alice2");
            assertThat(renamed.path("label").asText()).isEqualTo("alice2");
            assertThat(renamed.path("id").asText()).isEqualTo(alice.self().id().value());
            assertThat(renamed.path("self").asBoolean()).isTrue();
            assertThat(renamed.path("after").asLong()).as("after the message of seq 1").isEqualTo(1);
            assertThat(indexOf(own)).as("in its place: before the answer").isLessThan(indexOf(answer));
            assertThat(alice.self().name()).isEqualTo("alice2");
            await().atMost(WAIT).until(() -> atBob.stream().anyMatch(e -> e instanceof ChatEvent.Renamed r
                    && r.was().equals("alice") && r.user().name().equals("alice2") && !r.user().self()));
            assertThat(bob.users()).anyMatch(u -> u.name().equals("alice2")).noneMatch(u -> u.name().equals("alice"));

            assertThat(bob.execute("-nick bobby").block(WAIT)).isInstanceOf(peerchat.engine.api.Reply.Done.class);
            JsonNode other = awaitLine(event("renamed").and(l -> l.path("was").asText().equals("bob")));
            assertThat(other.path("name").asText()).isEqualTo("bobby");
            assertThat(other.path("self").asBoolean()).isFalse();
            assertThat(other.path("online").asBoolean()).isTrue();

            // The history as it happened: each line under the name of its time, the renames beside them in their place.
            bob.execute("as bobby").block(WAIT);
            awaitLine(event("message").and(l -> l.path("text").asText().equals("as bobby")));
            stdin.type("-history all\n");
            JsonNode history = awaitLine(event("result").and(l -> l.path("command").asText().equals("history")));
            List<String> from = new ArrayList<>();
            history.path("messages").forEach(m -> from.add(m.path("from").asText() + ": " + m.path("text").asText() + " @" + m.path("seq")));
            assertThat(from).containsExactly("bob: hi @1", "bobby: as bobby @2");
            List<String> renames = new ArrayList<>();
            history.path("renames").forEach(r -> renames.add(r.path("was").asText() + " -> " + r.path("label").asText() + " after "
                    + r.path("after").asLong()));
            assertThat(renames).containsExactly("alice -> alice2 after 1", "bob -> bobby after 1");

            stdin.type("-lu\n");
            JsonNode users = awaitLine(event("result").and(l -> l.path("command").asText().equals("listusers")));
            List<String> names = new ArrayList<>();
            users.path("users").forEach(u -> names.add(u.path("name").asText()));
            assertThat(names).containsExactlyInAnyOrder("alice2", "bobby");

            stdin.end();
            assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void aNameThatCannotBeIsAClearErrorAndTheNodeGoesOn() throws Exception {
        try (RealNodes nodes = new RealNodes(dir)) {
            Node alice = nodes.start("alice", "127.0.0.1");
            String script = "-nick a b\n-nick @x\n-nick\n/nick alice\n-name " + "n".repeat(33) + "\n-lu\n";
            int status = new JsonFrontend(new java.io.ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out).run(alice);
            assertThat(status).isZero();
            List<JsonNode> replies = lines().stream().filter(l -> l.path("event").asText().matches("result|error"))
                    .collect(java.util.stream.Collectors.toList());
            assertThat(replies).extracting(l -> l.path("event").asText()).containsExactly("error", "error", "error", "error", "error", "result");
            assertThat(replies.subList(0, 5)).allSatisfy(r -> assertThat(r.path("command").asText()).isEqualTo("nick"));
            assertThat(replies).extracting(l -> l.path("message").asText()).startsWith(
                    "one name only: \"a b\" is 2 words, and names have no spaces (a-b?); usage: -nick <name>",
                    "a name cannot start with @ # - / or <: @x",
                    "missing argument: -nick <name>",
                    "you are alice already",
                    "the name is longer than 32 characters: " + "n".repeat(33));
            assertThat(replies.get(5).path("users").get(0).path("name").asText()).isEqualTo("alice");
            assertThat(lines()).noneMatch(event("renamed"));
            assertThat(alice.self().name()).isEqualTo("alice");
        }
    }

    @Test
    void aFloodOfLinesIsRunInOrderAndACommandAfterItSeesAllOfIt() throws Exception {
        try (RealNodes nodes = new RealNodes(dir)) {
            Node alice = nodes.start("alice", "127.0.0.1");
            StringBuilder script = new StringBuilder("-creategroup flood\n");
            for (int i = 0; i < 500; i++) {
                script.append("#flood line ").append(i).append('\n');
            }
            script.append("-history #flood 500\n");
            int status = new JsonFrontend(new java.io.ByteArrayInputStream(script.toString().getBytes(StandardCharsets.UTF_8)), out).run(alice);
            assertThat(status).isZero();
            List<JsonNode> replies = lines().stream().filter(l -> l.path("event").asText().matches("result|error")).collect(java.util.stream.Collectors.toList());
            assertThat(replies).hasSize(502).allSatisfy(r -> assertThat(r.path("event").asText()).isEqualTo("result"));
            List<String> sent = new ArrayList<>();
            for (JsonNode r : replies.subList(1, 501)) {
                sent.add(r.path("message").path("text").asText());
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                expected.add("line " + i);
            }
            assertThat(sent).isEqualTo(expected);
            List<String> history = new ArrayList<>();
            replies.get(501).path("messages").forEach(m -> history.add(m.path("text").asText()));
            assertThat(history).isEqualTo(expected);
        }
    }
}

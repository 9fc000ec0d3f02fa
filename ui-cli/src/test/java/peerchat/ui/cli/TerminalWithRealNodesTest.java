package peerchat.ui.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Node;
import peerchat.ui.testing.RealNodes;
import peerchat.ui.testing.TestTerminal;

/** The terminal UI on a real node talking over loopback TCP to another real node. */
class TerminalWithRealNodesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void completesRealNamesKeepsAHalfTypedLineTakesAPasteOfSeveralLinesAndQuitsCleanly() throws Exception {
        try (RealNodes nodes = new RealNodes(dir); TestTerminal term = new TestTerminal()) {
            Node alice = nodes.start("alice", "127.0.0.1");
            Node bob = nodes.start("bob", "127.0.0.2", alice.self().listen());
            Queue<ChatEvent> atBob = nodes.record(bob);
            await().atMost(WAIT).until(() -> alice.users().stream().anyMatch(u -> u.name().equals("bob") && u.online()));
            assertThat(bob.execute("-creategroup games").block(WAIT)).isNotInstanceOf(peerchat.engine.api.Reply.Error.class);
            await().atMost(WAIT).until(() -> alice.groups().stream().anyMatch(g -> g.name().equals("games")));

            Renderer renderer = new Renderer(Palette.plain(), Clock.systemUTC(), ZoneOffset.UTC);
            TerminalSession session = new TerminalSession(term.terminal(), alice, dir.resolve("history"), renderer, "test");
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(session::run);
            String prompt = "alice@" + alice.self().listen() + " #all> ";
            await().atMost(WAIT).until(() -> term.text().contains(prompt));

            term.type("/join gam\t\r");
            await().atMost(WAIT).until(() -> bob.groups().stream()
                    .anyMatch(g -> g.name().equals("games") && g.members().contains("alice")));
            term.type("@bo\tmeet in games?\r");
            await().atMost(WAIT).until(() -> RealNodes.hasMessage(atBob, "alice", "meet in games?"));

            term.type("on my w");
            await().atMost(WAIT).until(() -> term.text().endsWith(prompt + "on my w"));
            bob.execute("#games sure, waiting").block(WAIT);
            await().atMost(WAIT).until(() -> term.text().contains("#games bob: sure, waiting"));
            await().atMost(WAIT).until(() -> term.text().endsWith(prompt + "on my w"));
            term.type("ay\r");
            await().atMost(WAIT).until(() -> RealNodes.hasMessage(atBob, "alice", "on my way"));

            // A paste of several lines is one message with its lines: the terminal brackets it and,
            // as xterm and VTE do, sends its line breaks as CR.
            term.type("\u001b[200~stack trace:\r  at a.B(C.java:1)\u001b[201~");
            await().atMost(WAIT).until(() -> term.text().endsWith("  at a.B(C.java:1)"));
            term.type("\r");
            await().atMost(WAIT).until(() -> RealNodes.hasMessage(atBob, "alice", "stack trace:\n  at a.B(C.java:1)"));
            await().atMost(WAIT).until(() -> term.text().contains("#all alice: stack trace:\n" + " ".repeat(18) + "  at a.B(C.java:1)"));

            // A message that names alice stands out and rings the bell (once, with its line); one that does not, does not.
            long bells = bells(term);
            bob.execute("anyone seen the build log?").block(WAIT);
            bob.execute("Alice, can you look?").block(WAIT);
            await().atMost(WAIT).until(() -> term.text().contains("#all bob: Alice, can you look?"));
            assertThat(term.text()).contains("#all bob: anyone seen the build log?");
            assertThat(bells(term)).isEqualTo(bells + 1);
            assertThat(term.raw()).containsPattern("\u0007\\d\\d:\\d\\d #all bob: Alice, can you look\\?");

            term.type("-q\r");
            assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
            // The links are closed: bob sees alice go.
            await().atMost(WAIT).until(() -> bob.users().stream().anyMatch(u -> u.name().equals("alice") && !u.online()));
        }
    }

    @Test
    void aNewNameIsSaidOnBothSidesAndThePromptTakesIt() throws Exception {
        try (RealNodes nodes = new RealNodes(dir); TestTerminal term = new TestTerminal()) {
            Node alice = nodes.start("alice", "127.0.0.1");
            Node bob = nodes.start("bob", "127.0.0.2", alice.self().listen());
            await().atMost(WAIT).until(() -> alice.users().stream().anyMatch(u -> u.name().equals("bob") && u.online()));
            Renderer renderer = new Renderer(Palette.plain(), Clock.systemUTC(), ZoneOffset.UTC);
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
                    new TerminalSession(term.terminal(), alice, dir.resolve("history"), renderer, "test")::run);
            await().atMost(WAIT).until(() -> term.text().contains("alice@" + alice.self().listen() + " #all> "));

            term.type("-nick alice2\r");
            await().atMost(WAIT).until(() -> term.text().endsWith("alice2@" + alice.self().listen() + " #all> "));
            assertThat(term.text()).containsPattern("\\d\\d:\\d\\d -- you are now known as alice2\n");
            assertThat(term.text().split("you are now known as alice2", -1)).as("said once, by the event").hasSize(2);
            assertThat(bob.execute("/nick bobby").block(WAIT)).isInstanceOf(peerchat.engine.api.Reply.Done.class);
            await().atMost(WAIT).until(() -> term.text().contains("-- bob is now known as bobby"));

            term.type("-q\r");
            assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
        }
    }

    /** alice's terminal shows {@code line}, which bob sends, then quits with -q (closing alice's node too). */
    private void showThenQuit(Node alice, Node bob, Renderer renderer, String line) throws Exception {
        try (TestTerminal term = new TestTerminal()) {
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
                    new TerminalSession(term.terminal(), alice, dir.resolve("history"), renderer, "test")::run);
            bob.execute(line).block(WAIT);
            await().atMost(WAIT).until(() -> term.text().contains("bob: " + line));
            term.type("-q\r");
            assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
        }
    }

    /**
     * A node that ran without this terminal (the window, a script) delivered messages the terminal
     * never showed: its next start says how many came since and where, and shows them.
     */
    @Test
    void theNextStartShowsWhatOthersWroteSinceTheTerminalLastShowedAnything() throws Exception {
        try (RealNodes nodes = new RealNodes(dir)) {
            Node alice = nodes.start("alice", "127.0.0.1");
            Node bob = nodes.start("bob", "127.0.0.2", alice.self().listen());
            await().atMost(WAIT).until(() -> alice.users().stream().anyMatch(u -> u.name().equals("bob") && u.online()));
            Renderer renderer = new Renderer(Palette.plain(), Clock.systemUTC(), ZoneOffset.UTC);
            showThenQuit(alice, bob, renderer, "seen in the terminal");

            Node again = nodes.start("alice", "127.0.0.1", bob.self().listen());
            Queue<ChatEvent> atAlice = nodes.record(again);
            await().atMost(WAIT).until(() -> again.users().stream().anyMatch(u -> u.name().equals("bob") && u.online()));
            bob.execute("while the terminal was closed").block(WAIT);
            bob.execute("@alice psst").block(WAIT);
            await().atMost(WAIT).until(() -> RealNodes.hasMessage(atAlice, "bob", "psst"));

            try (TestTerminal term = new TestTerminal()) {
                CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
                        new TerminalSession(term.terminal(), again, dir.resolve("history"), renderer, "test")::run);
                await().atMost(WAIT).until(() -> term.text().contains("@alice bob: psst"));
                String text = term.text();
                assertThat(text).contains("-- 2 new messages since you were last here: #all 1, @bob 1 --");
                assertThat(text).contains("#all bob: while the terminal was closed").doesNotContain("seen in the terminal");
                term.type("-q\r");
                assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
            }
        }
    }

    /**
     * Bob took two names while alice's node was down: the next start's catch-up has his lines under
     * the name he wrote each under and says who took which name where it happened, as the live
     * notices would have.
     */
    @Test
    void theCatchUpSaysWhoTookAnotherNameInItsPlaceAndHasEachLineUnderTheNameOfItsTime() throws Exception {
        try (RealNodes nodes = new RealNodes(dir)) {
            Node alice = nodes.start("alice", "127.0.0.1");
            Node bob = nodes.start("bob", "127.0.0.2", alice.self().listen());
            await().atMost(WAIT).until(() -> alice.users().stream().anyMatch(u -> u.name().equals("bob") && u.online()));
            Renderer renderer = new Renderer(Palette.plain(), Clock.systemUTC(), ZoneOffset.UTC);
            showThenQuit(alice, bob, renderer, "before");
            bob.execute("while you were away").block(WAIT);
            assertThat(bob.execute("-nick bobby").block(WAIT)).isInstanceOf(peerchat.engine.api.Reply.Done.class);
            bob.execute("as bobby").block(WAIT);
            assertThat(bob.execute("-nick robert").block(WAIT)).isInstanceOf(peerchat.engine.api.Reply.Done.class);
            bob.execute("as robert").block(WAIT);

            Node again = nodes.start("alice", "127.0.0.1", bob.self().listen());
            Queue<ChatEvent> atAlice = nodes.record(again);
            await().atMost(WAIT).until(() -> RealNodes.hasMessage(atAlice, "robert", "as robert"));
            try (TestTerminal term = new TestTerminal()) {
                CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
                        new TerminalSession(term.terminal(), again, dir.resolve("history"), renderer, "test")::run);
                await().atMost(WAIT).until(() -> term.text().contains("#all robert: as robert"));
                String text = term.text();
                assertThat(text).contains("-- 3 new messages since you were last here: #all 3 --").doesNotContain("bob: before");
                List<String> inOrder = List.of("#all bob: while you were away", "-- bob is now known as bobby", "#all bobby: as bobby",
                        "-- bobby is now known as robert", "#all robert: as robert");
                assertThat(inOrder).allSatisfy(line -> assertThat(text).containsOnlyOnce(line));
                assertThat(inOrder.stream().map(text::indexOf).collect(Collectors.toList())).isSorted();
                term.type("-q\r");
                assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
            }
        }
    }

    private static long bells(TestTerminal term) {
        return term.raw().chars().filter(c -> c == 7).count();
    }
}

package peerchat.ui.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;
import peerchat.ui.testing.FakeNode;
import peerchat.ui.testing.TestTerminal;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The terminal UI through a JLine terminal with xterm capabilities on in-memory streams: keys in,
 * screen bytes out, the session on its own thread as under a real terminal.
 */
class TerminalSessionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private FakeNode node;
    private TestTerminal term;
    private CompletableFuture<Integer> session;

    @BeforeEach
    void start() throws Exception {
        node = new FakeNode();
        term = new TestTerminal();
    }

    @AfterEach
    void stop() throws Exception {
        if (session != null && !session.isDone()) {
            await().atMost(WAIT).until(() -> term.text().endsWith("> "));
            term.type("\u0004");
            try {
                assertThat(session.get(10, TimeUnit.SECONDS)).isZero();
            } catch (Exception e) {
                throw new AssertionError(term.raw(), e);
            }
        }
        term.close();
    }

    private void run(FakeNode n, TestTerminal t) {
        run(n, t, TerminalSession.REPLY_TIMEOUT);
    }

    private void run(FakeNode n, TestTerminal t, Duration replyTimeout) {
        run(n, t, replyTimeout, dir.resolve("history"));
    }

    private void run(FakeNode n, TestTerminal t, Duration replyTimeout, Path history) {
        Renderer renderer = new Renderer(Palette.plain(), Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC), ZoneOffset.UTC);
        TerminalSession s = new TerminalSession(t.terminal(), n, history, renderer, "test", replyTimeout);
        session = CompletableFuture.supplyAsync(s::run);
        await().atMost(WAIT).until(() -> t.text().contains(FakeNode.PROMPT));
    }

    @Test
    void tabCompletesAUserNameAfterAt() throws Exception {
        run(node, term);
        term.type("@bo\thi\r");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("@bob hi");
    }

    @Test
    void altEnterStartsANewLineInTheMessageAndEnterSendsItWhole() throws Exception {
        run(node, term);
        term.type("first line\u001b\r  second\r");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("first line\n  second");
        // Shift+Enter and Alt+Enter where the terminal tells them from Enter (CSI u, modifyOtherKeys)
        term.type("a\u001b[13;2ub\u001b[13;3uc\u001b[27;2;13~d\u001b[27;3;13~e\r");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("a\nb\nc\nd\ne");
    }

    @Test
    void tabCompletesGroupNamesAfterHashAndAfterGroupCommands() throws Exception {
        node.answering(line -> new Reply.Done("", ""));
        run(node, term);
        term.type("#gar\tlet us plant\r");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("#gardening let us plant");
        term.type("/join gam\t\r");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("/join games");
    }

    @Test
    void aMessageArrivingWhileALineIsHalfTypedLeavesTheLineIntact() throws Exception {
        run(node, term);
        term.type("hel");
        await().atMost(WAIT).until(() -> term.text().endsWith(FakeNode.PROMPT + "hel"));

        node.emit(new ChatEvent.Message(node.incoming("bob", FakeNode.BOB, "are you there?", false)));
        await().atMost(WAIT).until(() -> term.text().contains("bob: are you there?"));
        // The line being typed is drawn again under the message, and typing goes on where it was.
        await().atMost(WAIT).until(() -> term.text().endsWith(FakeNode.PROMPT + "hel"));
        term.type("lo there\r");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("hello there");
        await().atMost(WAIT).until(() -> term.text().contains("alice: hello there"));
        String text = term.text();
        assertThat(text.indexOf("bob: are you there?")).isLessThan(text.indexOf("alice: hello there"));
    }

    @Test
    void openingAConversationChangesThePrompt() throws Exception {
        node.answering(line -> {
            node.open(new peerchat.engine.api.Conversation.Direct(FakeNode.BOB));
            node.emit(new ChatEvent.Opened(node.current(), "@bob"));
            return new peerchat.engine.api.Reply.Done("open", "now talking in @bob");
        });
        run(node, term);
        term.type("/open @bob\r");
        await().atMost(WAIT).until(() -> term.text().endsWith("alice@127.0.0.1:7117 @bob> "));
        assertThat(term.text().split("now talking in @bob", -1)).hasSize(2);
    }

    @Test
    void aNewNameIsSaidAndThePromptFollowsIt() throws Exception {
        node.answering(line -> {
            node.rename(FakeNode.SELF, "alice2");
            return new peerchat.engine.api.Reply.Done("nick", "you are now known as alice2");
        });
        run(node, term);
        term.type("-nick alice2\r");
        await().atMost(WAIT).until(() -> term.text().endsWith("alice2@127.0.0.1:7117 #all> "));
        assertThat(term.text()).contains("-- you are now known as alice2");

        node.rename(FakeNode.BOB, "bobby");
        await().atMost(WAIT).until(() -> term.text().contains("-- bob is now known as bobby"));
        String text = term.text();
        assertThat(text.indexOf("you are now known as alice2")).isLessThan(text.indexOf("bob is now known as bobby"));
    }

    /** The prompt of a direct conversation names its other user: it says their new name while a line is half typed. */
    @Test
    void thePromptOfADirectConversationFollowsItsUsersNewName() throws Exception {
        node.answering(line -> {
            if (line.startsWith("/open")) {
                node.open(new Conversation.Direct(FakeNode.BOB));
            }
            return new peerchat.engine.api.Reply.Done("", "");
        });
        run(node, term);
        term.type("/open @bob\r");
        await().atMost(WAIT).until(() -> term.text().endsWith("alice@127.0.0.1:7117 @bob> "));
        term.type("half");
        await().atMost(WAIT).until(() -> term.text().endsWith("@bob> half"));
        node.rename(FakeNode.BOB, "bobby");
        await().atMost(WAIT).until(() -> term.text().endsWith("alice@127.0.0.1:7117 @bobby> half"));
        term.type(" typed\r");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("/open @bob");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("half typed");
    }

    @Test
    void aLateMessageIsMarked() throws Exception {
        run(node, term);
        node.emit(new ChatEvent.Message(node.incoming("bob", FakeNode.BOB, "the answer", true)));
        await().atMost(WAIT).until(() -> term.text().contains("bob: the answer [late]"));
    }

    @Test
    void aBadCommandShowsOneErrorLineAndTheSessionGoesOn() throws Exception {
        run(node, term);
        term.type("-bogus\r");
        await().atMost(WAIT).until(() -> term.text().contains("error: unknown command -bogus"));
        await().atMost(WAIT).until(() -> term.text().endsWith(FakeNode.PROMPT + "-bogus"));
        term.type("\u0003still here\r");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("-bogus");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("still here");
        await().atMost(WAIT).until(() -> term.text().contains("alice: still here"));
        assertThat(term.text().lines().filter(l -> l.contains("error"))).hasSize(1);
    }

    /** Only the error would be left of a message (it is not echoed): the line comes back to be put right. */
    @Test
    void aLineThatFailsComesBackForEditing() throws Exception {
        node.answering(line -> line.startsWith("@nosuch") ? new Reply.Error("send", "no user or group called nosuch")
                : line.startsWith("-joingroup") ? new Reply.Error("joingroup", "one name only")
                : new Reply.Done("", ""));
        run(node, term);
        term.type("@nosuch hi\r");
        await().atMost(WAIT).until(() -> term.text().endsWith("error: no user or group called nosuch\n" + FakeNode.PROMPT + "@nosuch hi"));
        term.type(" there\r");
        await().atMost(WAIT).until(() -> term.text().endsWith(FakeNode.PROMPT + "@nosuch hi there"));
        term.type("\u0003-joingroup no such!\r");
        await().atMost(WAIT).until(() -> term.text().endsWith("> -joingroup no such!\nerror: one name only\n" + FakeNode.PROMPT + "-joingroup no such!"));
        term.type("\u0003fine\r");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("@nosuch hi");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("@nosuch hi there");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("-joingroup no such!");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).as("a line that went through is not kept").isEqualTo("fine");
        await().atMost(WAIT).until(() -> term.text().endsWith(FakeNode.PROMPT));
    }

    /**
     * A line whose answer has not come in time may still run (the node takes lines in order, and a
     * busy one gets to it later): it is not refused, not put back to be sent twice, and its answer
     * is shown when it comes.
     */
    @Test
    void aLineWhoseAnswerDoesNotComeInTimeIsNotPutBackAsRefused() throws Exception {
        Sinks.One<Reply> groups = Sinks.one();
        node.answeringLater(line -> line.equals("-lg") ? groups.asMono() : Mono.never());
        run(node, term, Duration.ofMillis(200));
        term.type("see you at 8\r");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("see you at 8");
        String noAnswer = "no answer from the node in 200 ms: it may still have been done; -history shows what was sent\n";
        await().atMost(WAIT).until(() -> term.text().endsWith(noAnswer + FakeNode.PROMPT));
        assertThat(term.text()).doesNotContain("error");

        term.type("-lg\r");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("-lg");
        await().atMost(WAIT).until(() -> term.text().endsWith("> -lg\n" + noAnswer + FakeNode.PROMPT));
        term.type("half");
        await().atMost(WAIT).until(() -> term.text().endsWith(FakeNode.PROMPT + "half"));
        groups.tryEmitValue(new Reply.Groups("listgroups", node.groups()));
        await().atMost(WAIT).until(() -> term.text().contains("-- the late answer to: -lg --\n  #all (3): alice, beatrice, bob\n"));
        await().atMost(WAIT).until(() -> term.text().endsWith(FakeNode.PROMPT + "half"));
        term.type("\u0003");
        assertThat(node.lines()).isEmpty();
    }

    @Test
    void quitClosesTheNodeAndEnds() throws Exception {
        run(node, term);
        term.type("-q\r");
        assertThat(session.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(node.shutdowns()).isEqualTo(1);
        assertThat(node.subscribers()).isZero();
        await().atMost(WAIT).until(() -> term.text().contains("bye"));
    }

    @Test
    void ctrlDOnAnEmptyLineQuits() throws Exception {
        run(node, term);
        term.type("\u0004");
        assertThat(session.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(node.shutdowns()).isEqualTo(1);
    }

    @Test
    void ctrlCClearsAHalfTypedLineAndQuitsOnAnEmptyOne() throws Exception {
        run(node, term);
        term.type("never sent\u0003");
        await().atMost(WAIT).until(() -> term.text().split(FakeNode.PROMPT, -1).length > 2);
        assertThat(session).isNotDone();
        term.type("\u0003");
        assertThat(session.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(node.lines()).isEmpty();
        assertThat(node.shutdowns()).isEqualTo(1);
    }

    @Test
    void lineHistoryOutlivesTheSession() throws Exception {
        run(node, term);
        term.type("two\u001b\rlines\rfrom the first run\r-q\r");
        assertThat(session.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(Files.readString(dir.resolve("history"))).contains("from the first run");
        term.close();

        FakeNode second = new FakeNode();
        term = new TestTerminal();
        run(second, term);
        String up = org.jline.keymap.KeyMap.key(term.terminal(), org.jline.utils.InfoCmp.Capability.key_up);
        term.type(up + up + "\r");
        assertThat(second.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("from the first run");
        term.type(up + up + up + up + "\r");
        assertThat(second.lines().poll(10, TimeUnit.SECONDS)).as("a line of two lines is one entry").isEqualTo("two\nlines");
    }

    /**
     * A character cut off in the history file (a crash, a full disk) stopped the terminal after the
     * node started (QA). The file is moved aside and the lines that can be read stay in the history.
     */
    @Test
    void aDamagedLineHistoryIsMovedAsideAndItsReadableLinesStay() throws Exception {
        byte[] damaged = "1700000000000:ok\n1700000000001:half \u00f0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("history"), damaged); // ends in 0xF0: a cut-off emoji
        run(node, term);
        await().atMost(WAIT).until(() -> term.text().contains("warning: the line history was damaged (not UTF-8): it is kept in "
                + dir.resolve("history.damaged") + "; Up and Ctrl-R have the 1 line that could be read"));
        assertThat(Files.readAllBytes(dir.resolve("history.damaged"))).isEqualTo(damaged);
        String up = org.jline.keymap.KeyMap.key(term.terminal(), org.jline.utils.InfoCmp.Capability.key_up);
        term.type(up + "\r");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("ok");
        term.type("a new line\r");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("a new line");
        term.type("-q\r");
        assertThat(session.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(Files.readString(dir.resolve("history"))).contains(":ok\n").contains(":a new line\n");
        assertThat(Files.readAllBytes(dir.resolve("history.damaged"))).isEqualTo(damaged);
    }

    /**
     * A damaged history that cannot be moved aside (a read-only data directory; here a name one
     * longer than the file system takes, which stops root too) was still given to JLine, which
     * failed on it and ended the session. It is left alone and unread, and the session starts.
     */
    @Test
    void aDamagedLineHistoryThatCannotBeMovedAsideIsLeftUnreadAndTheSessionStarts() throws Exception {
        Path history = dir.resolve("h".repeat(250));
        byte[] damaged = "1700000000000:ok\n1700000000001:half \u00f0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(history, damaged);
        run(node, term, TerminalSession.REPLY_TIMEOUT, history);
        await().atMost(WAIT).until(() -> term.text().contains("warning: the line history " + history
                + " is damaged and could not be moved aside: earlier lines are not offered (Up, Ctrl+R) this time, nor the lines"
                + " typed now kept"));
        term.type("a new line\r");
        assertThat(node.lines().poll(10, TimeUnit.SECONDS)).isEqualTo("a new line");
        term.type("-q\r");
        assertThat(session.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(Files.readAllBytes(history)).isEqualTo(damaged);
    }

    @Test
    void startsWithTheBannerThenTheRecentMessagesOfAll() throws Exception {
        node.addToLog(node.incoming("bob", FakeNode.BOB, "earlier on", false));
        run(node, term);
        await().atMost(WAIT).until(() -> term.text().contains("bob: earlier on"));
        String text = term.text();
        assertThat(text).contains("peerchat test | alice (a1a1a1a1) on 127.0.0.1:7117 | 1 online: bob");
        assertThat(text.indexOf("peerchat test")).isLessThan(text.indexOf("bob: earlier on"));
    }

    @Test
    void someoneIgnoredComingGoingCreatingJoiningLeavingAndRenamingIsNotPrinted() throws Exception {
        run(node, term);
        UserView bob = node.ignore(FakeNode.BOB);
        node.emit(new ChatEvent.PeerDown(bob, "heartbeat lost"));
        node.emit(new ChatEvent.Joined("games", "bob"));
        node.emit(new ChatEvent.Left("games", "bob"));
        node.emit(new ChatEvent.PeerUp(bob));
        node.emit(new ChatEvent.GroupCreated("x1", "bob"));
        node.rename(FakeNode.BOB, "bobby");
        node.emit(new ChatEvent.GroupCreated("x2", "bobby"));
        node.emit(new ChatEvent.GroupCreated("x3", "beatrice"));
        node.emit(new ChatEvent.Joined("games", "beatrice"));
        await().atMost(WAIT).until(() -> term.text().contains("beatrice joined #games"));
        assertThat(term.text()).doesNotContain("bob went offline").doesNotContain("bob joined").doesNotContain("bob left")
                .doesNotContain("bob is online").doesNotContain("known as").doesNotContain("created #x1")
                .doesNotContain("created #x2").contains("beatrice created #x3");
    }

    /** As an IRC client: joins and leaves of the groups this user is in (and their own leave), every group created. */
    @Test
    void joinsAndLeavesArePrintedForThisUsersGroupsOnly() throws Exception {
        run(node, term);
        node.emit(new ChatEvent.Joined("ops", "beatrice"));
        node.emit(new ChatEvent.Left("ops", "bob"));
        node.emit(new ChatEvent.GroupCreated("dev", "bob"));
        node.emit(new ChatEvent.Left("chess", "alice")); // this user's own: out of chess by now
        node.emit(new ChatEvent.Joined("games", "bob"));
        await().atMost(WAIT).until(() -> term.text().contains("bob joined #games"));
        assertThat(term.text()).contains("bob created #dev").contains("alice left #chess")
                .doesNotContain("beatrice joined #ops").doesNotContain("bob left #ops");
    }

    @Test
    void whatOthersWroteSinceTheLastRunIsCountedAndReplayedAndTheNextRunStartsAfterIt() throws Exception {
        node.addToLog(node.incoming("bob", FakeNode.BOB, "seen last time", false));
        Files.writeString(dir.resolve(SeenMarker.FILE), "1");
        node.addToLog(node.incoming("bob", FakeNode.BOB, "while you were away", false));
        long ts = 1_700_000_000_000L;
        node.addToLog(new MessageView(FakeNode.BOB.value() + "-9", FakeNode.BOB, "bob", "@alice",
                new Conversation.Direct(FakeNode.BOB), "psst", ts, ts, false, false, false, 3));

        run(node, term);
        await().atMost(WAIT).until(() -> term.text().contains("bob: psst"));
        String text = term.text();
        assertThat(text).contains("-- 2 new messages since you were last here: #all 1, @bob 1 --");
        assertThat(text).doesNotContain("seen last time");
        assertThat(text.indexOf("since you were last here")).isLessThan(text.indexOf("while you were away"));
        assertThat(text.indexOf("while you were away")).isLessThan(text.indexOf("bob: psst"));

        MessageView live = new MessageView(FakeNode.BOB.value() + "-10", FakeNode.BOB, "bob", "#all", FakeNode.TALK,
                "live one", ts, ts, false, false, false, 4);
        node.addToLog(live);
        node.emit(new ChatEvent.Message(live));
        await().atMost(WAIT).until(() -> term.text().contains("live one"));
        term.type("-q\r");
        assertThat(session.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(Files.readString(dir.resolve(SeenMarker.FILE))).isEqualTo(Long.toString(live.cursor()));

        // Nothing new since: the recent messages of the conversation, as on a first start.
        term.close();
        term = new TestTerminal();
        run(node, term);
        await().atMost(WAIT).until(() -> term.text().contains("live one"));
        assertThat(term.text()).doesNotContain("since you were last here");
    }
}

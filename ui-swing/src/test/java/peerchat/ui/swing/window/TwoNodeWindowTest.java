package peerchat.ui.swing.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static peerchat.ui.swing.window.GuiTesting.contents;

import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.swing.JFrame;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;
import peerchat.store.event.NodeId;
import peerchat.ui.swing.presenter.ConversationItem;
import peerchat.ui.swing.presenter.Line;

/**
 * Two real nodes in one JVM (each on its own loopback address, with its log on disk), one window
 * on ann's. Bob is driven through the node API, as another person would be from their terminal;
 * ann only through the window.
 */
class TwoNodeWindowTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Node ann;
    private Node bob;
    private final List<MessageView> bobGot = new CopyOnWriteArrayList<>();
    private Robot robot;
    private FrameFixture frame;

    @BeforeAll
    static void display() {
        GuiTesting.requireDisplay();
    }

    @BeforeEach
    void start() {
        ann = Node.start(NodeConfig.loopback("ann", dir.resolve("ann"), "127.0.0.2")).block(WAIT);
        bob = Node.start(NodeConfig.loopback("bob", dir.resolve("bob"), "127.0.0.3")
                .withSeeds(List.of(ann.self().listen()))).block(WAIT);
        bob.events().subscribe(e -> {
            if (e instanceof ChatEvent.Message m) {
                bobGot.add(m.message());
            }
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(List.of(online(ann), online(bob)))
                .as("users online as ann and as bob see them").containsExactly(2L, 2L));
        robot = GuiTesting.robot();
        ChatWindow window = GuiActionRunner.execute(() -> {
            Theme.setup(false);
            return ChatWindow.open(ann, Clock.systemDefaultZone(), () -> {
            });
        });
        frame = new FrameFixture(robot, window.frame());
    }

    @AfterEach
    void stop() {
        if (frame != null) {
            frame.cleanUp();
        }
        if (bob != null) {
            bob.shutdown().block(WAIT);
        }
        if (ann != null) {
            ann.shutdown().block(WAIT);
        }
    }

    private static long online(Node node) {
        return node.users().stream().filter(UserView::online).count();
    }

    private void type(String line) {
        // A click first, as a person would: without a window manager (Xvfb) a closed dialog leaves
        // no window focused until the next click.
        frame.textBox("compose").click();
        frame.textBox("compose").enterText(line);
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_ENTER);
    }

    private Reply bob(String line) {
        return bob.execute(line).block(WAIT);
    }

    private List<String> bobTexts() {
        return bobGot.stream().map(MessageView::text).collect(Collectors.toList());
    }

    private static boolean hasGroup(Node node, String group, int members) {
        return node.groups().stream().anyMatch(g -> g.name().equals(group) && g.members().size() == members);
    }

    @Test
    void aMessageFromTheWindowReachesTheOtherNodeAndTheReplyAppears() {
        frame.requireTitle("ann@" + ann.self().listen());
        await().atMost(WAIT).until(() -> contents(frame, "members").containsAll(List.of("ann online", "bob online")));

        type("hello from the window");

        await().atMost(WAIT).until(() -> bobTexts().contains("hello from the window"));
        assertThat(bobGot.get(0).from()).isEqualTo("ann");
        assertThat(bob("hi ann, got it")).isInstanceOf(Reply.Sent.class);
        await().atMost(WAIT).until(() -> contents(frame, "transcript")
                .equals(List.of("ann: hello from the window", "bob: hi ann, got it")));
        assertThat(GuiActionRunner.execute(this::lines)).extracting(Line::own)
                .containsExactly(true, false);
    }

    @Test
    void aMessageOfSeveralLinesArrivesWithItsLines() {
        await().atMost(WAIT).until(() -> contents(frame, "members").containsAll(List.of("ann online", "bob online")));
        frame.textBox("compose").click();
        frame.textBox("compose").enterText("see:");
        GuiTesting.chord(robot, KeyEvent.VK_SHIFT, KeyEvent.VK_ENTER);
        frame.textBox("compose").enterText("  indented");
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_ENTER);

        // The window always kept Shift+Enter's line break; the node made it a space until 2026-12-01.
        await().atMost(WAIT).until(() -> bobTexts().contains("see:\n  indented"));
        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of("ann: see:\n  indented")));
        assertThat(ann.history(Conversation.all(), 1).block(WAIT)).extracting(MessageView::text).containsExactly("see:\n  indented");
    }

    @Test
    void groupsAreCreatedJoinedAndLeftThroughTheWindow() {
        frame.button("createGroup").click();
        GuiTesting.answer(frame, "dev");
        await().atMost(WAIT).until(() -> hasGroup(bob, "dev", 1));
        await().atMost(WAIT).until(() -> contents(frame, "conversations").contains("#dev"));

        assertThat(bob("-joingroup dev")).isInstanceOf(Reply.Done.class);
        await().atMost(WAIT).until(() -> contents(frame, "members").equals(List.of("ann online", "bob online")));
        type("welcome to dev");
        await().atMost(WAIT).until(() -> bobGot.stream().anyMatch(m -> m.text().equals("welcome to dev")
                && m.conversation().key().equals("#dev")));

        assertThat(bob("-creategroup ops")).isInstanceOf(Reply.Done.class);
        await().atMost(WAIT).until(() -> contents(frame, "groups").contains("ops 1"));
        GuiTesting.list(frame, "groups").clickItem("ops 1");
        frame.button("joinGroup").click();
        await().atMost(WAIT).until(() -> hasGroup(bob, "ops", 2));
        await().atMost(WAIT).until(() -> contents(frame, "conversations").contains("#ops"));
        assertThat(frame.label("conversationHeading").text()).isEqualTo("#ops");

        frame.button("leaveGroup").click();
        await().atMost(WAIT).until(() -> hasGroup(bob, "ops", 1));
        await().atMost(WAIT).until(() -> contents(frame, "conversations").equals(List.of("#all", "#dev")));
        assertThat(frame.label("conversationHeading").text()).isEqualTo("#all");
    }

    @Test
    void messagesInOtherConversationsAreCountedUntilOpened() {
        type("-creategroup dev");
        await().atMost(WAIT).until(() -> hasGroup(bob, "dev", 1));
        assertThat(bob("-joingroup dev")).isInstanceOf(Reply.Done.class);
        await().atMost(WAIT).until(() -> hasGroup(ann, "dev", 2));

        assertThat(bob("#dev one")).isInstanceOf(Reply.Sent.class);
        assertThat(bob("#dev two")).isInstanceOf(Reply.Sent.class);
        assertThat(bob("@ann just you")).isInstanceOf(Reply.Sent.class);

        await().atMost(WAIT).until(() -> contents(frame, "conversations").equals(List.of("#all", "#dev (2)", "@bob (1)")));
        GuiTesting.list(frame, "conversations").clickItem("#dev (2)");
        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of("-- 2 new messages --", "bob: one", "bob: two")));
        assertThat(contents(frame, "conversations")).containsExactly("#all", "#dev", "@bob (1)");

        // Answer in the direct conversation, opened from the member list.
        GuiTesting.list(frame, "members").item("bob online").doubleClick();
        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of("-- 1 new message --", "bob: just you")));
        type("only to you");
        await().atMost(WAIT).until(() -> bobGot.stream().anyMatch(m -> m.text().equals("only to you")
                && m.conversation().equals(new Conversation.Direct(ann.self().id()))));
    }

    @Test
    void aMessageThatOvertakesTheOneItFollowsIsShownAfterItAndMarked() {
        // Bob's first message is held back in transmission; his second (which causally follows
        // it) reaches ann first, so her node holds it until the first arrives.
        assertThat(bob("-delay 1.5 first, slow")).isInstanceOf(Reply.Sent.class);
        assertThat(bob("second, fast")).isInstanceOf(Reply.Sent.class);

        await().atMost(WAIT).until(() -> contents(frame, "transcript")
                .equals(List.of("bob: first, slow", "bob: second, fast")));
        List<Line> lines = GuiActionRunner.execute(this::lines);
        assertThat(lines).extracting(Line::heldBack).containsExactly(false, true);
    }

    @Test
    @SuppressWarnings("unchecked") // the transcript is a JList<Line>; the fixture gives JList<?>
    void aMessageThatNamesTheUserIsMarkedAndSaysSo() {
        assertThat(bob("Ann, a look at the build?")).isInstanceOf(Reply.Sent.class);
        assertThat(bob("the build is green")).isInstanceOf(Reply.Sent.class);

        await().atMost(WAIT).until(() -> contents(frame, "transcript")
                .equals(List.of("bob: Ann, a look at the build?", "bob: the build is green")));
        assertThat(GuiActionRunner.execute(this::lines)).extracting(Line::mention).containsExactly(true, false);
        javax.swing.JList<Line> list = (javax.swing.JList<Line>) frame.list("transcript").target();
        List<String> headers = GuiActionRunner.execute(() -> List.of(header(list, 0), header(list, 1)));
        assertThat(headers.get(0)).contains("mentions you");
        assertThat(headers.get(1)).doesNotContain("mentions you");
    }

    @Test
    void aMessageToNobodyOnlineSaysSo() {
        await().atMost(WAIT).until(() -> contents(frame, "members").containsAll(List.of("ann online", "bob online")));
        bob.shutdown().block(WAIT);
        bob = null;
        await().atMost(WAIT).until(() -> online(ann) == 1);

        type("anyone here?");

        await().atMost(WAIT).until(() -> frame.label("status").text().equals("no one else in #all is online: they get it when back"));
        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of("ann: anyone here?",
                "notice: no one else in #all is online: they get it when back")));
    }

    @Test
    void ignoringAUserFromTheUsersListHidesTheirLinesUntilUnignored() {
        String ignoring = "notice: ignoring bob: their messages are hidden, past ones too (-unignore @bob shows them again)";
        assertThat(bob("before, from bob")).isInstanceOf(Reply.Sent.class);
        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of("bob: before, from bob")));
        type("before, from ann");
        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of("bob: before, from bob", "ann: before, from ann")));

        frame.tabbedPane("sideTabs").selectTab("Users");
        GuiTesting.list(frame, "users").showPopupMenuAt("bob online").menuItem("ignoreUser").click();

        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of("ann: before, from ann", ignoring)));
        await().atMost(WAIT).until(() -> contents(frame, "users").contains("bob online ignored")
                && contents(frame, "members").contains("bob online ignored"));
        assertThat(ann.user(bob.self().id())).hasValueSatisfying(u -> assertThat(u.ignored()).isTrue());

        // Once ann's node has logged bob's next line (and not shown it), a line of hers follows it.
        long logged = ann.historySize();
        assertThat(bob("while ignored, from bob")).isInstanceOf(Reply.Sent.class);
        await().atMost(WAIT).until(() -> ann.historySize() == logged + 1);
        type("while ignored, from ann");
        await().atMost(WAIT).until(() -> contents(frame, "transcript").contains("ann: while ignored, from ann"));
        assertThat(contents(frame, "transcript")).containsExactly("ann: before, from ann", ignoring, "ann: while ignored, from ann");

        GuiTesting.list(frame, "users").showPopupMenuAt("bob online ignored").menuItem("unignoreUser").click();

        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of("bob: before, from bob",
                "ann: before, from ann", ignoring, "bob: while ignored, from bob", "ann: while ignored, from ann",
                "notice: showing bob's messages again, past ones too")));
        await().atMost(WAIT).until(() -> contents(frame, "users").contains("bob online"));
        assertThat(bob("after, from bob")).isInstanceOf(Reply.Sent.class);
        await().atMost(WAIT).until(() -> contents(frame, "transcript").contains("bob: after, from bob"));
    }

    @Test
    void someoneGoneForGoodIsForgottenFromTheUsersListAndComesBackIfTheyConnect() {
        NodeId bobId = bob.self().id();
        frame.tabbedPane("sideTabs").selectTab("Users");
        await().atMost(WAIT).until(() -> contents(frame, "users").equals(List.of("ann online", "bob online")));
        assertThat(GuiTesting.list(frame, "users").showPopupMenuAt("bob online").menuLabels())
                .as("someone online is not gone").doesNotContain("Forget bob");
        robot.pressAndReleaseKeys(KeyEvent.VK_ESCAPE);
        bob.shutdown().block(WAIT);
        bob = null;
        await().atMost(WAIT).until(() -> contents(frame, "users").equals(List.of("ann online", "bob offline")));

        GuiTesting.list(frame, "users").showPopupMenuAt("bob offline").menuItem("forgetUser").click();

        await().atMost(WAIT).until(() -> contents(frame, "users").equals(List.of("ann online")));
        assertThat(contents(frame, "members")).containsExactly("ann online");
        assertThat(frame.label("status").text()).startsWith("forgot bob: out of your lists and groups");
        assertThat(ann.user(bobId)).isEmpty();

        bob = Node.start(NodeConfig.loopback("bob", dir.resolve("bob"), "127.0.0.3").withSeeds(List.of(ann.self().listen()))).block(WAIT);
        await().atMost(WAIT).until(() -> contents(frame, "users").equals(List.of("ann online", "bob online")));
    }

    @Test
    void someoneWhoTakesAnotherNameIsShownByItAndSoIsAnnWhenSheDoes() {
        assertThat(bob("@ann psst")).isInstanceOf(Reply.Sent.class);
        await().atMost(WAIT).until(() -> contents(frame, "conversations").equals(List.of("#all", "@bob (1)")));
        assertThat(bob("hello all")).isInstanceOf(Reply.Sent.class);
        type("hello bob");
        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of("bob: hello all", "ann: hello bob")));
        frame.tabbedPane("sideTabs").selectTab("Users");
        await().atMost(WAIT).until(() -> contents(frame, "users").equals(List.of("ann online", "bob online")));

        assertThat(bob("/nick bobby")).isInstanceOf(Reply.Done.class);

        // His line on screen keeps the name he wrote it under; the notice says who became whom.
        await().atMost(WAIT).until(() -> contents(frame, "users").equals(List.of("ann online", "bobby online")));
        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of("bob: hello all", "ann: hello bob",
                "notice: bob is now known as bobby")));
        assertThat(contents(frame, "members")).containsExactly("ann online", "bobby online");
        assertThat(contents(frame, "conversations")).containsExactly("#all", "@bobby (1)");

        // Ann's own, typed: the title follows, the line is said once, and bob's node knows her by it.
        type("/nick ann2");
        await().atMost(WAIT).until(() -> frame.label("status").text().equals("you are now known as ann2"));
        assertThat(title()).isEqualTo("(1) ann2@" + ann.self().listen());
        assertThat(contents(frame, "transcript")).containsExactly("bob: hello all", "ann: hello bob",
                "notice: bob is now known as bobby", "notice: you are now known as ann2");
        assertThat(contents(frame, "users")).containsExactly("ann2 online", "bobby online");
        await().atMost(WAIT).until(() -> bob.users().stream().anyMatch(u -> u.name().equals("ann2")));

        // Read from ann's log: the direct conversation, whose one line came before the renames,
        // has them after it, and #all read again is as it was shown live.
        GuiTesting.list(frame, "conversations").clickItem("@bobby (1)");
        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of("-- 1 new message --", "bob: psst",
                "notice: bob is now known as bobby", "notice: you are now known as ann2")));
        GuiTesting.list(frame, "conversations").clickItem("#all");
        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of("bob: hello all", "ann: hello bob",
                "notice: bob is now known as bobby", "notice: you are now known as ann2")));
    }

    private String title() {
        return GuiActionRunner.execute(() -> ((JFrame) frame.target()).getTitle());
    }

    /** The Users list's "Show bob's id" says bob's real id in full, as the node's -id does. */
    @Test
    void aUsersIdIsShownInFullFromTheUsersList() {
        String grouped = String.join(" ", bob.self().id().value().split("(?<=\\G.{4})"));
        frame.tabbedPane("sideTabs").selectTab("Users");
        await().atMost(WAIT).until(() -> contents(frame, "users").contains("bob online"));
        GuiTesting.list(frame, "users").showPopupMenuAt("bob online").menuItem("userId").click();

        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of("notice: bob's id: " + grouped
                + " (if bob's own -id shows the same, read to you in person or on the phone, what is shown as bob's comes from bob's key)")));
    }

    /** The header line of a transcript entry as its renderer draws it. */
    private static String header(javax.swing.JList<Line> list, int index) {
        java.awt.Container cell = (java.awt.Container) list.getCellRenderer()
                .getListCellRendererComponent(list, list.getModel().getElementAt(index), index, false, false);
        return ((javax.swing.JLabel) cell.getComponent(0)).getText();
    }

    private List<Line> lines() {
        javax.swing.JList<?> list = frame.list("transcript").target();
        List<Line> out = new java.util.ArrayList<>();
        for (int i = 0; i < list.getModel().getSize(); i++) {
            out.add((Line) list.getModel().getElementAt(i));
        }
        return out;
    }

    @Test
    void afterARestartTheWindowOpensWithTheHistoryFromTheLog() {
        type("before the restart");
        assertThat(bob("@ann a direct one")).isInstanceOf(Reply.Sent.class);
        await().atMost(WAIT).until(() -> contents(frame, "conversations").contains("@bob (1)"));
        frame.cleanUp();
        frame = null;
        ann.shutdown().block(WAIT);

        ann = Node.start(NodeConfig.loopback("ann", dir.resolve("ann"), "127.0.0.2")).block(WAIT);
        robot = GuiTesting.robot();
        ChatWindow window = GuiActionRunner.execute(() -> ChatWindow.open(ann, Clock.systemDefaultZone(), () -> {
        }));
        frame = new FrameFixture(robot, window.frame());

        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of("ann: before the restart")));
        await().atMost(WAIT).until(() -> contents(frame, "conversations").equals(List.of("#all", "@bob")));
        GuiTesting.list(frame, "conversations").clickItem("@bob");
        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of("bob: a direct one")));
    }

    /** Ann's window on her data directory, as {@code --gui} opens it; {@code closed} counts down once it has closed. */
    private void openWithSettings(java.util.concurrent.CountDownLatch closed) {
        robot = GuiTesting.robot();
        ChatWindow window = GuiActionRunner.execute(() -> ChatWindow.open(ann, Clock.systemDefaultZone(), closed::countDown,
                dir.resolve("ann").resolve(WindowSettings.FILE_NAME)));
        frame = new FrameFixture(robot, window.frame());
    }

    @Test
    void whatCameWhileTheUserWasElsewhereIsStillUnreadAfterARestart() throws Exception {
        frame.cleanUp();
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        openWithSettings(closed);
        type("-creategroup dev");
        await().atMost(WAIT).until(() -> hasGroup(bob, "dev", 1));
        assertThat(bob("-joingroup dev")).isInstanceOf(Reply.Done.class);
        await().atMost(WAIT).until(() -> hasGroup(ann, "dev", 2) && contents(frame, "conversations").contains("#dev"));
        GuiTesting.list(frame, "conversations").clickItem("#dev");
        await().atMost(WAIT).until(() -> frame.label("conversationHeading").text().equals("#dev"));
        assertThat(bob("#dev read in #dev")).isInstanceOf(Reply.Sent.class);
        await().atMost(WAIT).until(() -> contents(frame, "transcript").contains("bob: read in #dev"));
        GuiTesting.list(frame, "conversations").clickItem("#all");
        await().atMost(WAIT).until(() -> frame.label("conversationHeading").text().equals("#all"));

        assertThat(bob("#dev one")).isInstanceOf(Reply.Sent.class);
        assertThat(bob("#dev ann, two")).isInstanceOf(Reply.Sent.class);
        assertThat(bob("@ann just you")).isInstanceOf(Reply.Sent.class);
        await().atMost(WAIT).until(() -> contents(frame, "conversations").equals(List.of("#all", "#dev (2)", "@bob (1)")));

        frame.cleanUp();
        frame = null;
        assertThat(closed.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).as("the window closed").isTrue();
        ann.shutdown().block(WAIT);
        ann = Node.start(NodeConfig.loopback("ann", dir.resolve("ann"), "127.0.0.2")).block(WAIT);
        java.util.concurrent.CountDownLatch closedAgain = new java.util.concurrent.CountDownLatch(1);
        openWithSettings(closedAgain);

        await().atMost(WAIT).until(() -> contents(frame, "conversations").equals(List.of("#all", "#dev (2)", "@bob (1)")));
        assertThat(GuiActionRunner.execute(() -> ((JFrame) frame.target()).getTitle())).startsWith("(3) ann@");
        ConversationItem dev = GuiActionRunner.execute(() -> (ConversationItem) frame.list("conversations").target().getModel().getElementAt(1));
        assertThat(dev.mentioned()).isTrue();
        GuiTesting.list(frame, "conversations").clickItem("#dev (2)");
        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of(
                "bob: read in #dev", "-- 2 new messages --", "bob: one", "bob: ann, two")));
        assertThat(contents(frame, "conversations")).containsExactly("#all", "#dev", "@bob (1)");
        // Closed here, and waited for: its settings are written at close, into the test's directory.
        frame.cleanUp();
        frame = null;
        assertThat(closedAgain.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).as("the window closed").isTrue();
    }

    @Test
    void searchingUsersAndGroups() {
        assertThat(bob("-creategroup robots")).isInstanceOf(Reply.Done.class);
        assertThat(bob("-creategroup bots")).isInstanceOf(Reply.Done.class);
        assertThat(bob("-creategroup cooking")).isInstanceOf(Reply.Done.class);
        await().atMost(WAIT).until(() -> contents(frame, "groups").size() == 4);

        frame.textBox("groupSearch").enterText("BOTS");
        await().atMost(WAIT).until(() -> contents(frame, "groups").equals(List.of("bots 1", "robots 1")));

        GuiTesting.chord(robot, KeyEvent.VK_CONTROL, KeyEvent.VK_F);
        frame.textBox("userSearch").requireFocused();
        frame.textBox("userSearch").enterText("o");
        await().atMost(WAIT).until(() -> contents(frame, "users").equals(List.of("bob online")));
        frame.textBox("userSearch").deleteText();
        await().atMost(WAIT).until(() -> contents(frame, "users").size() == 2);
    }

    @Test
    void aPopulatedWindowIsSavedAsThePictureForTheReadme() throws Exception {
        type("-creategroup dev");
        assertThat(bob("-creategroup design")).isInstanceOf(Reply.Done.class);
        await().atMost(WAIT).until(() -> hasGroup(ann, "design", 1) && hasGroup(bob, "dev", 1));
        assertThat(bob("-joingroup dev")).isInstanceOf(Reply.Done.class);
        await().atMost(WAIT).until(() -> hasGroup(ann, "dev", 2) && contents(frame, "conversations").contains("#dev"));
        GuiTesting.list(frame, "conversations").clickItem("#dev");
        type("morning! the build is green again");
        await().atMost(WAIT).until(() -> bobTexts().contains("morning! the build is green again"));
        bob("#dev nice, I'll cut the release after lunch");
        bob("#dev ann, could you write the release notes?");
        bob("#all anyone up for coffee?");
        bob("@ann can you review my branch when you have a minute?");
        await().atMost(WAIT).until(() -> contents(frame, "conversations").equals(List.of("#all (1)", "#dev", "@bob (1)")));
        type("on it once the release is out");
        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of(
                "ann: morning! the build is green again", "bob: nice, I'll cut the release after lunch",
                "bob: ann, could you write the release notes?", "ann: on it once the release is out")));
        await().atMost(WAIT).until(() -> contents(frame, "groups").equals(List.of("all 2 joined", "design 1", "dev 2 joined")));

        Path file = Path.of("target", "window.png");
        GuiTesting.screenshot((JFrame) frame.target(), file);
        frame.menuItem("menuDark").click();
        Path dark = Path.of("target", "window-dark.png");
        GuiTesting.screenshot((JFrame) frame.target(), dark);
        frame.menuItem("menuDark").click();

        assertThat(Files.size(file)).isGreaterThan(10_000);
        assertThat(Files.size(dark)).isGreaterThan(10_000);
    }
}

package peerchat.ui.swing.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static peerchat.ui.swing.window.GuiTesting.contents;

import java.awt.event.KeyEvent;
import java.awt.font.TextAttribute;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JScrollPane;
import javax.swing.SwingUtilities;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JPopupMenuFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.UserView;
import peerchat.store.event.NodeId;
import peerchat.ui.swing.presenter.MemoryNode;
import peerchat.ui.swing.presenter.UserItem;

/**
 * The window itself, driven like a user would (AssertJ Swing's robot: real mouse and keyboard
 * events under Xvfb), against the in-memory node. The two-node tests drive it against real nodes.
 */
class ChatWindowTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MemoryNode node = new MemoryNode("ann", "aaaaaaaa");
    private final CountDownLatch closed = new CountDownLatch(1);
    private final RecordingBrowser browser = new RecordingBrowser();
    private UserView bob;
    private Robot robot;
    private FrameFixture frame;

    @BeforeAll
    static void display() {
        GuiTesting.requireDisplay();
    }

    @BeforeEach
    void open() {
        bob = node.peerUp("bob", "bbbbbbbb");
        node.peerUp("cyd", "cccccccc");
        robot = GuiTesting.robot();
        ChatWindow window = GuiActionRunner.execute(() -> {
            Theme.setup(false);
            return ChatWindow.open(node, Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC),
                    closed::countDown, null, browser);
        });
        frame = new FrameFixture(robot, window.frame());
    }

    @AfterEach
    void close() {
        frame.cleanUp();
    }

    /** The node is touched on the EDT, as the window does: the in-memory node is not thread-safe. */
    private void onEdt(Runnable r) {
        GuiActionRunner.execute(r::run);
    }

    private void chord(int modifier, int key) {
        GuiTesting.chord(robot, modifier, key);
    }

    @Test
    void theTitleIsNameAtAddressAndAllIsOpen() {
        frame.requireTitle("ann@127.0.0.1:7117");
        assertThat(contents(frame, "conversations")).containsExactly("#all");
        assertThat(contents(frame, "members")).containsExactly("ann online", "bob online", "cyd online");
    }

    @Test
    void enterSendsAndShiftEnterStartsANewLine() {
        frame.textBox("compose").enterText("two");
        chord(KeyEvent.VK_SHIFT, KeyEvent.VK_ENTER);
        frame.textBox("compose").enterText("lines");
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_ENTER);

        await().atMost(WAIT).until(() -> contents(frame, "transcript").contains("ann: two\nlines"));
        frame.textBox("compose").requireText("");
        assertThat(node.executed).containsExactly("two\nlines");
    }

    @Test
    void selectedLinesAreCopiedAsTextByKeyAndByTheMenuAndSoAreTheirLinks() throws Exception {
        onEdt(() -> node.receive(bob.id(), Conversation.all(), "the link is http://x/y"));
        onEdt(() -> node.receive(bob.id(), Conversation.all(), "second\nline"));
        await().atMost(WAIT).until(() -> contents(frame, "transcript").size() == 2);
        java.awt.datatransfer.Clipboard clipboard = java.awt.Toolkit.getDefaultToolkit().getSystemClipboard();

        GuiTesting.list(frame, "transcript").clickItem(0);
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_C);
        await().atMost(WAIT).until(() -> "the link is http://x/y".equals(clipboardText(clipboard)));

        GuiTesting.list(frame, "transcript").selectItems(0, 1);
        GuiTesting.list(frame, "transcript").showPopupMenuAt(1).menuItem("copyLines").click();
        await().atMost(WAIT).until(() -> ("Nov 14 22:13 bob: the link is http://x/y\nNov 14 22:13 bob: second\n    line").equals(clipboardText(clipboard)));

        // A line with a link: its menu copies the link alone (and opens it: the tests below).
        GuiTesting.list(frame, "transcript").showPopupMenuAt(0).menuItem("copyLink0").click();
        await().atMost(WAIT).until(() -> "http://x/y".equals(clipboardText(clipboard)));

        // The other lists copy what they show, not their entries' record dumps.
        GuiTesting.list(frame, "members").clickItem("cyd online");
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_C);
        await().atMost(WAIT).until(() -> "cyd".equals(clipboardText(clipboard)));
    }

    @Test
    void theLinkMenuOpensEachLinkOfTheLineInTheDesktopsBrowser() {
        onEdt(() -> node.receive(bob.id(), Conversation.all(), "see https://example.org/a?b=1 and http://x.test/"));
        onEdt(() -> node.receive(bob.id(), Conversation.all(), "no link here"));
        await().atMost(WAIT).until(() -> contents(frame, "transcript").size() == 2);
        GuiTesting.list(frame, "transcript").clickItem(1);

        // The right-clicked line, outside the selection, becomes the selection before the menu is made.
        JPopupMenuFixture menu = GuiTesting.list(frame, "transcript").showPopupMenuAt(0);
        GuiTesting.list(frame, "transcript").requireSelectedItems("bob: see https://example.org/a?b=1 and http://x.test/");
        assertThat(popupLabels()).containsExactly("Copy", "Open https://example.org/a?b=1",
                "Copy link https://example.org/a?b=1", "Open http://x.test/", "Copy link http://x.test/");
        menu.menuItem("openLink1").requireEnabled();
        menu.menuItem("openLink0").requireEnabled().click();
        await().atMost(WAIT).until(() -> browser.opened.equals(List.of(URI.create("https://example.org/a?b=1"))));

        GuiTesting.list(frame, "transcript").showPopupMenuAt(0).menuItem("openLink1").click();
        await().atMost(WAIT).until(() -> browser.opened.equals(
                List.of(URI.create("https://example.org/a?b=1"), URI.create("http://x.test/"))));
    }

    @Test
    void withoutABrowserTheLinksCannotBeOpenedButAreStillCopied() {
        browser.available = false;
        onEdt(() -> node.receive(bob.id(), Conversation.all(), "see https://example.org/a?b=1 and http://x.test/"));
        await().atMost(WAIT).until(() -> contents(frame, "transcript").size() == 1);
        java.awt.datatransfer.Clipboard clipboard = java.awt.Toolkit.getDefaultToolkit().getSystemClipboard();

        JPopupMenuFixture menu = GuiTesting.list(frame, "transcript").showPopupMenuAt(0);
        menu.menuItem("openLink0").requireDisabled();
        menu.menuItem("openLink1").requireDisabled();
        menu.menuItem("copyLink1").requireEnabled().click();
        await().atMost(WAIT).until(() -> "http://x.test/".equals(clipboardText(clipboard)));
        assertThat(browser.opened).isEmpty();
    }

    @Test
    void aLinkIsDrawnAsOneAndAClickOnItOpensItButNoOtherSchemeIsALink() {
        String text = "see https://example.org/a?b=1, not file:///etc/passwd nor javascript:alert(1)";
        onEdt(() -> node.receive(bob.id(), Conversation.all(), text));
        onEdt(() -> node.receive(bob.id(), Conversation.all(), "/me shares http://x.test/"));
        await().atMost(WAIT).until(() -> contents(frame, "transcript").size() == 2);
        int link = text.indexOf("https://") + 10;
        int file = text.indexOf("file:") + 7;
        int script = text.indexOf("javascript:") + 3;

        // Underlined in the link colour, and only the web link.
        assertThat(drawn(0, link)).isEqualTo("link");
        assertThat(drawn(0, 1)).isEqualTo("plain");
        assertThat(drawn(0, file)).isEqualTo("plain");
        assertThat(drawn(0, script)).isEqualTo("plain");
        // In an action, what follows "* bob shares ".
        assertThat(drawn(1, "* bob shares h".length())).isEqualTo("link");
        assertThat(drawn(1, 2)).isEqualTo("plain");

        // The pointer says what is a link.
        robot.moveMouse(transcript(), at(0, 1));
        robot.moveMouse(transcript(), at(0, link));
        await().atMost(WAIT).until(() -> GuiActionRunner.execute(() -> transcript().getCursor().getType()) == java.awt.Cursor.HAND_CURSOR);
        robot.moveMouse(transcript(), at(0, file));
        await().atMost(WAIT).until(() -> GuiActionRunner.execute(() -> transcript().getCursor().getType()) == java.awt.Cursor.DEFAULT_CURSOR);

        robot.click(transcript(), at(0, link));
        await().atMost(WAIT).until(() -> browser.opened.equals(List.of(URI.create("https://example.org/a?b=1"))));
        await().atMost(WAIT).until(() -> frame.label("status").text().equals("opening https://example.org/a?b=1 in the browser"));
        robot.click(transcript(), at(1, "* bob shares http://x".length()));
        await().atMost(WAIT).until(() -> browser.opened.size() == 2);
        assertThat(browser.opened).endsWith(URI.create("http://x.test/"));

        // Other schemes, plain text, the empty space after a link ending its line, a Shift+click (a selection): nothing opens.
        robot.click(transcript(), at(0, file));
        robot.click(transcript(), at(0, script));
        robot.click(transcript(), at(0, 1));
        java.awt.Point end = at(1, "* bob shares http://x.test".length());
        robot.click(transcript(), new java.awt.Point(GuiActionRunner.execute(() -> transcript().getWidth()) - 20, end.y));
        robot.pressKey(KeyEvent.VK_SHIFT);
        try {
            robot.click(transcript(), at(0, link));
        } finally {
            robot.releaseKey(KeyEvent.VK_SHIFT);
        }
        robot.waitForIdle();
        assertThat(browser.opened).hasSize(2);
        GuiTesting.list(frame, "transcript").requireSelectedItems(contents(frame, "transcript").toArray(String[]::new));
    }

    @Test
    void aLongLinkWrapsAndAClickOnAnyOfItsRowsOpensAllOfIt() {
        String link = "https://example.org/" + "a".repeat(600);
        onEdt(() -> node.receive(bob.id(), Conversation.all(), "short"));
        onEdt(() -> node.receive(bob.id(), Conversation.all(), "read " + link + " later"));
        await().atMost(WAIT).until(() -> contents(frame, "transcript").size() == 2);

        java.awt.Rectangle shortCell = GuiActionRunner.execute(() -> transcript().getCellBounds(0, 0));
        java.awt.Rectangle longCell = GuiActionRunner.execute(() -> transcript().getCellBounds(1, 1));
        int viewport = GuiActionRunner.execute(() -> transcript().getParent().getWidth());
        assertThat(longCell.height).isGreaterThan(3 * shortCell.height);
        assertThat(longCell.width).isLessThanOrEqualTo(viewport);
        java.awt.Point last = at(1, "read ".length() + link.length() - 1);
        assertThat(last.y).isGreaterThan(at(1, "read h".length()).y);

        robot.click(transcript(), last);
        await().atMost(WAIT).until(() -> browser.opened.equals(List.of(URI.create(link))));
    }

    @Test
    void withoutABrowserAClickOnALinkCopiesItAndSaysSo() {
        browser.available = false;
        String text = "the docs: https://example.org/docs.";
        onEdt(() -> node.receive(bob.id(), Conversation.all(), text));
        await().atMost(WAIT).until(() -> contents(frame, "transcript").size() == 1);
        java.awt.datatransfer.Clipboard clipboard = java.awt.Toolkit.getDefaultToolkit().getSystemClipboard();
        onEdt(() -> clipboard.setContents(new java.awt.datatransfer.StringSelection("before"), null));

        robot.click(transcript(), at(0, text.indexOf("example")));

        await().atMost(WAIT).until(() -> "https://example.org/docs".equals(clipboardText(clipboard)));
        await().atMost(WAIT).until(() -> frame.label("status").text()
                .equals("no browser to open links in here: copied https://example.org/docs to the clipboard"));
        assertThat(browser.opened).isEmpty();
    }

    @SuppressWarnings("unchecked") // the transcript is a JList<Line>; the fixture gives JList<?>
    private JList<peerchat.ui.swing.presenter.Line> transcript() {
        return (JList<peerchat.ui.swing.presenter.Line>) frame.list("transcript").target();
    }

    /** The middle of the character at {@code offset} of line {@code row}'s text, where the transcript draws it. */
    private java.awt.Point at(int row, int offset) {
        JList<peerchat.ui.swing.presenter.Line> list = transcript();
        return GuiActionRunner.execute(() -> {
            java.awt.Rectangle box = ((LineRenderer) list.getCellRenderer()).charBounds(list, row, offset);
            return new java.awt.Point((int) box.getCenterX(), (int) box.getCenterY());
        });
    }

    /** How the character at {@code offset} of line {@code row}'s text is drawn (not selected): as a link, or plain. */
    private String drawn(int row, int offset) {
        JList<peerchat.ui.swing.presenter.Line> list = transcript();
        return GuiActionRunner.execute(() -> {
            java.awt.Container cell = (java.awt.Container) list.getCellRenderer()
                    .getListCellRendererComponent(list, list.getModel().getElementAt(row), row, false, false);
            for (java.awt.Component c : cell.getComponents()) {
                if (c instanceof javax.swing.JTextPane pane) {
                    javax.swing.text.AttributeSet a = pane.getStyledDocument().getCharacterElement(offset).getAttributes();
                    boolean underlined = javax.swing.text.StyleConstants.isUnderline(a);
                    boolean coloured = javax.swing.text.StyleConstants.getForeground(a).equals(Theme.link());
                    return underlined && coloured ? "link" : underlined || coloured ? "half a link" : "plain";
                }
            }
            return "plain";
        });
    }

    /** Stands in for the desktop's browser: there or not, and what it was asked to open. */
    private static final class RecordingBrowser implements Browser {
        volatile boolean available = true;
        final List<URI> opened = new CopyOnWriteArrayList<>();

        @Override
        public boolean available() {
            return available;
        }

        @Override
        public void open(URI link) {
            opened.add(link);
        }
    }

    private static String clipboardText(java.awt.datatransfer.Clipboard clipboard) {
        try {
            return (String) clipboard.getData(java.awt.datatransfer.DataFlavor.stringFlavor);
        } catch (Exception notYet) {
            return null;
        }
    }

    @Test
    void upAndDownRecallWhatWasSentInTheComposeBox() {
        frame.textBox("compose").enterText("-lu");
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        frame.textBox("compose").enterText("first");
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        await().atMost(WAIT).until(() -> node.executed.contains("first"));

        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_UP);
        frame.textBox("compose").requireText("first");
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_UP);
        frame.textBox("compose").requireText("-lu");
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_DOWN, KeyEvent.VK_DOWN);
        frame.textBox("compose").requireText("");
        frame.textBox("compose").enterText("typing");
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_UP);
        frame.textBox("compose").requireText("typing");
    }

    @Test
    void tabCompletesNamesGroupsAndCommandsInTheComposeBox() {
        frame.textBox("compose").enterText("hi @bo");
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_TAB);
        frame.textBox("compose").requireText("hi @bob ");
        frame.textBox("compose").enterText("and @");
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_TAB);
        frame.textBox("compose").requireText("hi @bob and @");
        await().atMost(WAIT).until(() -> frame.label("status").text().equals("@bob  @cyd"));
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_ENTER);

        frame.textBox("compose").enterText("/cre");
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_TAB);
        frame.textBox("compose").requireText("/create ");
    }

    @Test
    void longMessagesWrapToTheWidthInsteadOfScrollingSideways() {
        String longText = "word ".repeat(400).strip();
        onEdt(() -> node.receive(bob.id(), Conversation.all(), "short"));
        onEdt(() -> node.receive(bob.id(), Conversation.all(), longText));
        await().atMost(WAIT).until(() -> contents(frame, "transcript").size() == 2);

        javax.swing.JList<?> list = frame.list("transcript").target();
        java.awt.Rectangle shortCell = GuiActionRunner.execute(() -> list.getCellBounds(0, 0));
        java.awt.Rectangle longCell = GuiActionRunner.execute(() -> list.getCellBounds(1, 1));
        int viewport = GuiActionRunner.execute(() -> list.getParent().getWidth());

        assertThat(longCell.height).isGreaterThan(5 * shortCell.height);
        assertThat(longCell.width).isLessThanOrEqualTo(viewport);
    }

    @Test
    void theSendButtonSendsToo() {
        frame.textBox("compose").enterText("via button");
        frame.button("send").click();

        await().atMost(WAIT).until(() -> contents(frame, "transcript").contains("ann: via button"));
    }

    @Test
    void unreadCountsShowUntilTheConversationIsOpened() {
        onEdt(() -> node.receive(bob.id(), new Conversation.Direct(bob.id()), "psst"));
        onEdt(() -> node.receive(bob.id(), new Conversation.Direct(bob.id()), "are you there"));

        await().atMost(WAIT).until(() -> contents(frame, "conversations").contains("@bob (2)"));

        GuiTesting.list(frame, "conversations").clickItem(1);

        await().atMost(WAIT).until(() -> contents(frame, "conversations").contains("@bob"));
        assertThat(contents(frame, "transcript")).containsExactly("-- 2 new messages --", "bob: psst", "bob: are you there");
        assertThat(contents(frame, "members")).containsExactly("ann online", "bob online");
    }

    @Test
    void groupsAreCreatedJoinedAndLeftFromTheButtons() {
        frame.button("createGroup").click();
        GuiTesting.answer(frame, "dev");

        await().atMost(WAIT).untilAsserted(() -> assertThat(node.executed).as("commands run").contains("-creategroup dev"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(contents(frame, "conversations")).contains("#dev"));
        frame.requireTitle("ann@127.0.0.1:7117");
        await().atMost(WAIT).until(() -> contents(frame, "groups").contains("dev 1 joined"));

        onEdt(() -> node.peerJoins(bob.id(), "ops"));
        await().atMost(WAIT).until(() -> contents(frame, "groups").contains("ops 1"));
        GuiTesting.list(frame, "groups").clickItem("ops 1");
        frame.button("joinGroup").click();

        await().atMost(WAIT).until(() -> contents(frame, "conversations").contains("#ops"));
        await().atMost(WAIT).until(() -> contents(frame, "members").equals(java.util.List.of("ann online", "bob online")));

        frame.button("leaveGroup").click();

        await().atMost(WAIT).until(() -> !contents(frame, "conversations").contains("#ops"));
        assertThat(contents(frame, "conversations")).containsExactly("#all", "#dev");
        assertThat(contents(frame, "groups")).contains("ops 1");
        assertThat(node.executed).containsExactly("-creategroup dev", "-joingroup ops", "-leavegroup ops");
    }

    @Test
    void joinAndLeaveActOnTheGroupSelectedInTheListNotTheOneOpen() {
        onEdt(() -> {
            node.peerJoins(bob.id(), "games");
            node.peerJoins(bob.id(), "ops");
        });
        joinOpsCreateDevAndOpenIt();

        GuiTesting.list(frame, "groups").clickItem("games 1");
        frame.button("joinGroup").requireEnabled();
        frame.button("leaveGroup").requireDisabled();
        GuiTesting.list(frame, "groups").clickItem("all 3 joined");
        frame.button("joinGroup").requireDisabled();
        frame.button("leaveGroup").requireDisabled();
        GuiTesting.list(frame, "groups").clickItem("ops 2 joined");
        frame.button("joinGroup").requireDisabled();
        frame.button("leaveGroup").requireEnabled().click();

        await().atMost(WAIT).until(() -> contents(frame, "groups").contains("ops 1"));
        assertThat(node.executed).containsExactly("-joingroup ops", "-creategroup dev", "-leavegroup ops");
        assertThat(frame.label("conversationHeading").text()).isEqualTo("#dev");
        assertThat(contents(frame, "conversations")).containsExactly("#all", "#dev");
        frame.button("leaveGroup").requireDisabled();
        frame.button("joinGroup").requireEnabled();
    }

    /** Typed in the compose box, as a user does: -joingroup ops, -creategroup dev, then a click on #dev. */
    private void joinOpsCreateDevAndOpenIt() {
        frame.textBox("compose").enterText("-joingroup ops");
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        frame.textBox("compose").enterText("-creategroup dev");
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        await().atMost(WAIT).until(() -> contents(frame, "conversations").contains("#dev"));
        GuiTesting.list(frame, "conversations").clickItem("#dev");
        await().atMost(WAIT).until(() -> frame.label("conversationHeading").text().equals("#dev"));
    }

    @Test
    void theMenusLeaveActsOnTheConversationOpenSaysWhichAndIsDisabledWhereThereIsNone() {
        onEdt(() -> node.peerJoins(bob.id(), "ops"));
        joinOpsCreateDevAndOpenIt();

        // Another group selected in the list: the button is about that one, the menu about the one open.
        GuiTesting.list(frame, "groups").clickItem("ops 2 joined");
        frame.button("leaveGroup").requireEnabled();
        assertThat(leaveMenu()).isEqualTo("Leave #dev enabled");
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_L);

        await().atMost(WAIT).until(() -> frame.label("conversationHeading").text().equals("#all"));
        assertThat(node.executed).containsExactly("-joingroup ops", "-creategroup dev", "-leavegroup dev");
        assertThat(contents(frame, "conversations")).containsExactly("#all", "#ops");

        // #all cannot be left: nothing to leave, the shortcut does nothing.
        assertThat(leaveMenu()).isEqualTo("Leave group disabled");
        frame.textBox("compose").focus();
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_L);
        robot.waitForIdle();
        assertThat(node.executed).containsExactly("-joingroup ops", "-creategroup dev", "-leavegroup dev");

        // Nor is a direct conversation a group.
        GuiTesting.list(frame, "members").item("bob online").doubleClick();
        await().atMost(WAIT).until(() -> node.current().equals(new Conversation.Direct(bob.id())));
        assertThat(leaveMenu()).isEqualTo("Leave group disabled");

        // Opened, the other group is what it leaves, from the menu clicked too.
        GuiTesting.list(frame, "conversations").clickItem("#ops");
        await().atMost(WAIT).until(() -> leaveMenu().equals("Leave #ops enabled"));
        frame.menuItem("menuLeaveGroup").click();
        await().atMost(WAIT).until(() -> frame.label("conversationHeading").text().equals("#all"));
        assertThat(node.executed).containsExactly("-joingroup ops", "-creategroup dev", "-leavegroup dev", "-leavegroup ops");
        assertThat(leaveMenu()).isEqualTo("Leave group disabled");
    }

    /** Chat › Leave as the menu would show it: its text, and whether it (and so its shortcut) can be used. */
    private String leaveMenu() {
        javax.swing.JMenuItem item = frame.menuItem("menuLeaveGroup").target();
        return GuiActionRunner.execute(() -> item.getText() + (item.isEnabled() ? " enabled" : " disabled"));
    }

    @Test
    void aConversationClickedHandsTheKeyboardToTheComposeBoxAndArrowsStillWalkTheList() {
        onEdt(() -> node.receive(bob.id(), new Conversation.Direct(bob.id()), "psst"));
        await().atMost(WAIT).until(() -> contents(frame, "conversations").contains("@bob (1)"));

        GuiTesting.list(frame, "conversations").clickItem("@bob (1)");
        robot.enterText("hi");

        frame.textBox("compose").requireFocused().requireText("hi");
        assertThat(node.current()).isEqualTo(new Conversation.Direct(bob.id()));

        // From the keyboard, the list keeps it while the arrows choose; Enter hands it over.
        frame.list("conversations").focus();
        robot.pressAndReleaseKey(KeyEvent.VK_UP);
        await().atMost(WAIT).until(() -> node.current().equals(Conversation.all()));
        frame.list("conversations").requireFocused();
        robot.pressAndReleaseKey(KeyEvent.VK_DOWN);
        await().atMost(WAIT).until(() -> node.current().equals(new Conversation.Direct(bob.id())));
        frame.list("conversations").requireFocused();
        robot.pressAndReleaseKey(KeyEvent.VK_ENTER);
        frame.textBox("compose").requireFocused();
    }

    @Test
    void commandsWorkInTheComposeBoxAndErrorsShowInTheStatusLine() {
        frame.textBox("compose").enterText("-creategroup Ops");
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        await().atMost(WAIT).until(() -> contents(frame, "conversations").contains("#ops"));

        frame.textBox("compose").enterText("-creategroup ops");
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_ENTER);

        await().atMost(WAIT).until(() -> frame.label("status").text().contains("exists"));
        // The refused line is back in the box, to be put right rather than typed again.
        await().atMost(WAIT).until(() -> frame.textBox("compose").text().equals("-creategroup ops"));

        frame.button("createGroup").click();
        GuiTesting.answer(frame, "bad name");
        await().atMost(WAIT).until(() -> frame.label("status").text().contains("a group name is"));
        frame.requireVisible();
    }

    @Test
    void searchingFiltersAsYouType() {
        onEdt(() -> node.peerJoins(bob.id(), "robots"));
        onEdt(() -> node.peerJoins(bob.id(), "bots"));
        onEdt(() -> node.peerUp("Bobby", "dddddddd"));
        await().atMost(WAIT).until(() -> contents(frame, "groups").size() == 3);

        frame.textBox("groupSearch").enterText("BOT");
        await().atMost(WAIT).until(() -> contents(frame, "groups").equals(java.util.List.of("bots 1", "robots 1")));

        frame.tabbedPane("sideTabs").selectTab("Users");
        frame.textBox("userSearch").enterText("BOB");
        await().atMost(WAIT).until(() -> contents(frame, "users").equals(java.util.List.of("bob online", "Bobby online")));
        frame.textBox("userSearch").deleteText();
        await().atMost(WAIT).until(() -> contents(frame, "users").size() == 4);
    }

    @Test
    void doubleClickingAMemberOpensADirectConversation() {
        GuiTesting.list(frame, "members").item("bob online").doubleClick();

        await().atMost(WAIT).until(() -> contents(frame, "conversations").contains("@bob"));
        assertThat(node.current()).isEqualTo(new Conversation.Direct(bob.id()));
        assertThat(GuiTesting.list(frame, "conversations").selection()).containsExactly("@bob");
    }

    @Test
    void rightClickingAUserOffersToIgnoreThemAndAnIgnoredUserLooksIt() {
        onEdt(() -> node.receive(bob.id(), Conversation.all(), "from bob"));
        onEdt(() -> node.receive(new NodeId("cccccccc"), Conversation.all(), "from cyd"));
        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of("bob: from bob", "cyd: from cyd")));
        frame.tabbedPane("sideTabs").selectTab("Users");

        JPopupMenuFixture menu = GuiTesting.list(frame, "users").showPopupMenuAt("bob online");
        assertThat(menu.menuLabels()).containsExactly("Message bob", "Show bob's id", "Ignore bob");
        menu.menuItem("ignoreUser").click();

        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of("cyd: from cyd",
                "notice: ignoring bob: their messages are hidden, past ones too (-unignore @bob shows them again)")));
        await().atMost(WAIT).until(() -> contents(frame, "users").contains("bob online ignored")
                && contents(frame, "members").contains("bob online ignored"));
        assertThat(node.executed).containsExactly("-ignore @bob");
        JLabel cell = rendered("users", "bob");
        assertThat(cell.getToolTipText()).isEqualTo("ignored: their messages are hidden (right-click to unignore)");
        assertThat(cell.getFont().getAttributes().get(TextAttribute.STRIKETHROUGH)).isEqualTo(TextAttribute.STRIKETHROUGH_ON);
        assertThat(rendered("users", "cyd").getFont().getAttributes().get(TextAttribute.STRIKETHROUGH)).isNotEqualTo(TextAttribute.STRIKETHROUGH_ON);

        // From the member list: unignore, then a direct conversation.
        menu = GuiTesting.list(frame, "members").showPopupMenuAt("bob online ignored");
        assertThat(menu.menuLabels()).containsExactly("Message bob", "Show bob's id", "Unignore bob");
        menu.menuItem("unignoreUser").click();
        await().atMost(WAIT).until(() -> contents(frame, "transcript").equals(List.of("bob: from bob", "cyd: from cyd",
                "notice: ignoring bob: their messages are hidden, past ones too (-unignore @bob shows them again)",
                "notice: showing bob's messages again, past ones too")));
        await().atMost(WAIT).until(() -> contents(frame, "users").contains("bob online"));
        GuiTesting.list(frame, "members").showPopupMenuAt("cyd online").menuItem("messageUser").click();
        await().atMost(WAIT).until(() -> node.current().equals(new Conversation.Direct(new NodeId("cccccccc"))));
        assertThat(frame.label("conversationHeading").text()).isEqualTo("@cyd");
    }

    @Test
    void theUserMenuOpensFromTheKeyboardTooButNotForOneself() {
        frame.tabbedPane("sideTabs").selectTab("Users");
        GuiTesting.list(frame, "users").item("ann online").rightClick();
        assertThat(popupLabels()).isEmpty();
        chord(KeyEvent.VK_SHIFT, KeyEvent.VK_F10);
        assertThat(popupLabels()).isEmpty();

        // The same gestures on someone else open it (so the checks above can tell).
        GuiTesting.list(frame, "users").clickItem("bob online");
        chord(KeyEvent.VK_SHIFT, KeyEvent.VK_F10);
        assertThat(popupLabels()).containsExactly("Message bob", "Show bob's id", "Ignore bob");
        robot.pressAndReleaseKey(KeyEvent.VK_ESCAPE);
        GuiTesting.list(frame, "users").item("cyd online").rightClick();
        assertThat(popupLabels()).containsExactly("Message cyd", "Show cyd's id", "Ignore cyd");
    }

    /**
     * The entries of the menu open now, none if none is: read at once once the robot's events are
     * handled (the menu opens within the click's handler), where the robot's own lookup would wait
     * five seconds for a menu that is rightly not coming.
     */
    private List<String> popupLabels() {
        robot.waitForIdle();
        return GuiActionRunner.execute(() -> {
            javax.swing.MenuElement[] open = javax.swing.MenuSelectionManager.defaultManager().getSelectedPath();
            if (open.length == 0) {
                return List.<String>of();
            }
            return java.util.Arrays.stream(open[0].getSubElements()).filter(e -> e instanceof javax.swing.JMenuItem)
                    .map(e -> ((javax.swing.JMenuItem) e).getText()).toList();
        });
    }

    /** The renderer's label for the entry of {@code label} in a list of users. */
    @SuppressWarnings("unchecked") // the user lists are JList<UserItem>; the fixture gives JList<?>
    private JLabel rendered(String list, String label) {
        JList<UserItem> users = (JList<UserItem>) frame.list(list).target();
        return GuiActionRunner.execute(() -> {
            for (int i = 0; i < users.getModel().getSize(); i++) {
                UserItem u = users.getModel().getElementAt(i);
                if (u.label().equals(label)) {
                    return (JLabel) users.getCellRenderer().getListCellRendererComponent(users, u, i, false, false);
                }
            }
            throw new AssertionError("no " + label + " in " + list);
        });
    }

    @Test
    void altDownAndUpSwitchConversations() {
        onEdt(() -> node.receive(bob.id(), new Conversation.Direct(bob.id()), "psst"));
        await().atMost(WAIT).until(() -> contents(frame, "conversations").size() == 2);

        chord(KeyEvent.VK_ALT, KeyEvent.VK_DOWN);
        await().atMost(WAIT).until(() -> node.current().equals(new Conversation.Direct(bob.id())));

        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_1);
        await().atMost(WAIT).until(() -> node.current().equals(Conversation.all()));
    }

    @Test
    void scrollingToTheTopLoadsOlderPages() {
        frame.cleanUp();
        MemoryNode big = new MemoryNode("ann", "aaaaaaaa");
        UserView b = big.peerUp("bob", "bbbbbbbb");
        big.preload(b.id(), Conversation.all(), 100_000);
        robot = GuiTesting.robot();
        ChatWindow window = GuiActionRunner.execute(() -> ChatWindow.open(big, Clock.systemUTC(), () -> {
        }));
        frame = new FrameFixture(robot, window.frame());

        await().atMost(WAIT).until(() -> contents(frame, "transcript").size() == 100);
        assertThat(contents(frame, "transcript")).last().isEqualTo("bob: message 100000");

        JScrollPane scroll = (JScrollPane) SwingUtilities.getAncestorOfClass(JScrollPane.class,
                frame.list("transcript").target());
        GuiActionRunner.execute(() -> scroll.getVerticalScrollBar().setValue(0));

        await().atMost(WAIT).until(() -> contents(frame, "transcript").size() == 200);
        assertThat(contents(frame, "transcript").get(0)).isEqualTo("bob: message 99801");
        // The user stays where they were reading: the old first line is still in view, not the new top.
        assertThat(GuiActionRunner.execute(() -> scroll.getVerticalScrollBar().getValue())).isPositive();
    }

    /**
     * {@code count} direct messages from bob, {@code prefix} and their number, unread; fifty at a
     * time, each fifty counted before the next: the in-memory node's event stream drops what the
     * window has no room for yet, and the window's {@code publishOn} always has room for 64.
     */
    private void receiveUnread(String prefix, int count) {
        for (int from = 1; from <= count; from += 50) {
            int first = from;
            int last = Math.min(count, from + 49);
            onEdt(() -> {
                for (int i = first; i <= last; i++) {
                    node.receive(bob.id(), new Conversation.Direct(bob.id()), prefix + i);
                }
            });
            await().atMost(WAIT).until(() -> contents(frame, "conversations").contains("@bob (" + last + ")"));
        }
    }

    @Test
    void aConversationWithMoreUnreadThanAPageOpensScrolledToWhereTheyBegin() {
        GuiTesting.list(frame, "members").item("bob online").doubleClick();
        await().atMost(WAIT).until(() -> node.current().equals(new Conversation.Direct(bob.id())));
        onEdt(() -> {
            for (int i = 1; i <= 30; i++) {
                node.receive(bob.id(), new Conversation.Direct(bob.id()), "read " + i);
            }
        });
        await().atMost(WAIT).until(() -> contents(frame, "transcript").size() == 30);
        GuiTesting.list(frame, "conversations").clickItem("#all");
        receiveUnread("psst ", 500);

        GuiTesting.list(frame, "conversations").clickItem("@bob (500)");

        await().atMost(WAIT).until(() -> contents(frame, "transcript").size() == 531);
        assertThat(contents(frame, "transcript").subList(29, 32)).containsExactly("bob: read 30", "-- 500 new messages --", "bob: psst 1");
        JList<?> transcript = frame.list("transcript").target();
        assertThat(GuiActionRunner.execute(transcript::getFirstVisibleIndex)).as("the divider at the top of the view").isEqualTo(30);
    }

    @Test
    void aDividerBeforeMoreUnreadThanTheWindowReadsBackForMovesUpAsOlderPagesLoad() {
        int unread = peerchat.ui.swing.presenter.ChatPresenter.OPEN_AT_UNREAD + 150;
        receiveUnread("psst ", unread);

        GuiTesting.list(frame, "conversations").clickItem("@bob (" + unread + ")");
        await().atMost(WAIT).until(() -> contents(frame, "transcript").size() == 101);
        assertThat(contents(frame, "transcript").subList(0, 2))
                .containsExactly("-- " + unread + " new messages --", "bob: psst " + (unread - 99));
        JList<?> transcript = frame.list("transcript").target();
        assertThat(GuiActionRunner.execute(transcript::getLastVisibleIndex)).as("opened at the newest").isEqualTo(100);

        JScrollPane scroll = (JScrollPane) SwingUtilities.getAncestorOfClass(JScrollPane.class, transcript);
        GuiActionRunner.execute(() -> scroll.getVerticalScrollBar().setValue(0));

        await().atMost(WAIT).until(() -> contents(frame, "transcript").size() == 201);
        await().atMost(WAIT).until(() -> contents(frame, "transcript").subList(0, 2)
                .equals(List.of("-- " + unread + " new messages --", "bob: psst " + (unread - 199))));
        assertThat(contents(frame, "transcript").get(101)).isEqualTo("bob: psst " + (unread - 99));
    }

    @Test
    void eachConversationKeepsItsOwnDraftInTheComposeBox() {
        GuiTesting.list(frame, "members").item("bob online").doubleClick();
        await().atMost(WAIT).until(() -> node.current().equals(new Conversation.Direct(bob.id())));
        frame.textBox("compose").enterText("half a thought for bob");

        GuiTesting.list(frame, "conversations").clickItem("#all");
        await().atMost(WAIT).until(() -> node.current().equals(Conversation.all()));
        frame.textBox("compose").requireText("");
        frame.textBox("compose").enterText("hello all");
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        await().atMost(WAIT).until(() -> contents(frame, "transcript").contains("ann: hello all"));

        GuiTesting.list(frame, "conversations").clickItem("@bob");
        await().atMost(WAIT).until(() -> node.current().equals(new Conversation.Direct(bob.id())));
        frame.textBox("compose").requireText("half a thought for bob");
        // Typing goes on where the draft ends.
        robot.enterText(", and more");
        frame.textBox("compose").requireText("half a thought for bob, and more");

        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_1);
        await().atMost(WAIT).until(() -> node.current().equals(Conversation.all()));
        frame.textBox("compose").requireText("");
        assertThat(node.executed).containsExactly("hello all");
    }

    @Test
    void theHeldBackLineLeavesTheStatusLineOnceWhatWasHeldBackCame() {
        onEdt(() -> node.heldBack(1, "1 message held back, each until what it follows has arrived:\n"
                + "  cyd: 1 message, waiting for messages from bob (bob is online: they should come shortly)"));
        await().atMost(WAIT).until(() -> frame.label("status").text().equals("1 message held back, each until what it follows has arrived:"));

        onEdt(() -> {
            node.receive(bob.id(), Conversation.all(), "the one it follows");
            node.receiveHeld(new NodeId("cccccccc"), Conversation.all(), "the one that waited");
            node.released();
        });

        await().atMost(WAIT).until(() -> frame.label("status").text().isBlank());
        assertThat(contents(frame, "transcript")).endsWith("bob: the one it follows", "cyd: the one that waited",
                "notice: the messages held back have all arrived: nothing is held back any more");
    }

    @Test
    void theSearchBoxesTakeDownEnterAndEscape() {
        onEdt(() -> {
            node.peerJoins(bob.id(), "dev");
            node.peerJoins(bob.id(), "devops");
        });
        await().atMost(WAIT).until(() -> contents(frame, "groups").size() == 3);

        // Enter opens the first match; the keyboard goes to the compose box.
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_F);
        frame.textBox("userSearch").requireFocused().enterText("cy");
        await().atMost(WAIT).until(() -> contents(frame, "users").equals(List.of("cyd online")));
        frame.textBox("userSearch").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        await().atMost(WAIT).until(() -> node.current().equals(new Conversation.Direct(new NodeId("cccccccc"))));
        frame.textBox("compose").requireFocused();

        // Escape clears the search and gives the keyboard back.
        frame.textBox("userSearch").focus();
        frame.textBox("userSearch").pressAndReleaseKeys(KeyEvent.VK_ESCAPE);
        frame.textBox("userSearch").requireText("");
        await().atMost(WAIT).until(() -> contents(frame, "users").size() == 3);
        frame.textBox("compose").requireFocused();

        // Down goes into the list, where the arrows choose and Enter opens (here: joins) the one chosen.
        chord(KeyEvent.VK_CONTROL, KeyEvent.VK_G);
        frame.textBox("groupSearch").requireFocused().enterText("dev");
        await().atMost(WAIT).until(() -> contents(frame, "groups").equals(List.of("dev 1", "devops 1")));
        frame.textBox("groupSearch").pressAndReleaseKeys(KeyEvent.VK_DOWN);
        frame.list("groups").requireFocused();
        GuiTesting.list(frame, "groups").requireSelectedItems("dev 1");
        robot.pressAndReleaseKey(KeyEvent.VK_DOWN);
        GuiTesting.list(frame, "groups").requireSelectedItems("devops 1");
        robot.pressAndReleaseKey(KeyEvent.VK_ENTER);
        await().atMost(WAIT).until(() -> node.current().equals(new Conversation.Group(new peerchat.store.event.GroupName("devops"))));
        frame.textBox("compose").requireFocused();
        assertThat(node.executed).containsExactly("-joingroup devops");
    }

    @Test
    void theComposeBoxGrowsWithTheDraftUpToSixLinesThenScrolls() {
        javax.swing.JTextArea compose = (javax.swing.JTextArea) frame.textBox("compose").target();
        JScrollPane box = (JScrollPane) SwingUtilities.getAncestorOfClass(JScrollPane.class, compose);
        int oneLine = GuiActionRunner.execute(box::getHeight);
        int line = GuiActionRunner.execute(() -> compose.getFontMetrics(compose.getFont()).getHeight());

        frame.textBox("compose").enterText("one");
        chord(KeyEvent.VK_SHIFT, KeyEvent.VK_ENTER);
        frame.textBox("compose").enterText("two");
        chord(KeyEvent.VK_SHIFT, KeyEvent.VK_ENTER);
        frame.textBox("compose").enterText("three");
        await().atMost(WAIT).until(() -> GuiActionRunner.execute(box::getHeight) == oneLine + 2 * line);
        assertThat(GuiActionRunner.execute(() -> box.getVerticalScrollBar().isShowing())).isFalse();

        // A long line wraps, and wrapped lines count too; past six lines the box scrolls.
        onEdt(() -> compose.append(" and on".repeat(300)));
        await().atMost(WAIT).until(() -> GuiActionRunner.execute(box::getHeight) == oneLine + 5 * line);
        await().atMost(WAIT).until(() -> GuiActionRunner.execute(() -> box.getVerticalScrollBar().isShowing()));

        // Sent: one line again.
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        await().atMost(WAIT).until(() -> GuiActionRunner.execute(box::getHeight) == oneLine);
    }

    @Test
    void quitFromTheComposeBoxClosesTheWindow() throws InterruptedException {
        frame.textBox("compose").enterText("-q");
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_ENTER);

        assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
        frame.requireNotVisible();
    }

    @Test
    void anUnexpectedErrorOnTheEdtIsShownInTheStatusLineAndTheWindowGoesOn() {
        onEdt(() -> java.awt.EventQueue.invokeLater(() -> {
            throw new IllegalStateException("a bug");
        }));

        await().atMost(WAIT).until(() -> frame.label("status").text().contains("a bug"));
        frame.textBox("compose").enterText("still here");
        frame.button("send").click();
        await().atMost(WAIT).until(() -> contents(frame, "transcript").contains("ann: still here"));
    }

    @Test
    void changeNameInTheChatMenuAsksWithTheNameFilledInAndTheTitleFollows() {
        frame.menuItem("menuChangeName").click();
        frame.optionPane(org.assertj.swing.timing.Timeout.timeout(10_000)).textBox().requireText("ann");
        GuiTesting.answer(frame, "ann2");

        await().atMost(WAIT).until(() -> frame.label("status").text().equals("you are now known as ann2"));
        assertThat(node.executed).containsExactly("-nick ann2");
        frame.requireTitle("ann2@127.0.0.1:7117");
        assertThat(contents(frame, "transcript")).containsExactly("notice: you are now known as ann2");
        assertThat(contents(frame, "members")).containsExactly("ann2 online", "bob online", "cyd online");

        // A name that cannot be: the node's answer in the status line, as for the command typed.
        frame.menuItem("menuChangeName").click();
        GuiTesting.answer(frame, "ann 3");
        await().atMost(WAIT).until(() -> frame.label("status").text().equals("a name is one word, without spaces: 'ann 3'"));
        assertThat(GuiActionRunner.execute(() -> frame.label("status").target().getForeground()))
                .isEqualTo(GuiActionRunner.execute(Theme::error));
        frame.requireTitle("ann2@127.0.0.1:7117");
        assertThat(contents(frame, "transcript")).containsExactly("notice: you are now known as ann2");
    }

    @Test
    void darkThemeSwitches() {
        frame.menuItem("menuDark").click();
        assertThat(GuiActionRunner.execute(Theme::isDark)).isTrue();
        frame.menuItem("menuDark").click();
        assertThat(GuiActionRunner.execute(Theme::isDark)).isFalse();
    }

    @Test
    void aPopulatedWindowIsPaintedToAPicture() {
        Conversation dev = new Conversation.Group(new peerchat.store.event.GroupName("dev"));
        onEdt(() -> {
            node.peerJoins(bob.id(), "dev");
            node.peerJoins(bob.id(), "ops");
            node.receive(bob.id(), Conversation.all(), "morning all");
        });
        frame.textBox("compose").enterText("-joingroup dev");
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        await().atMost(WAIT).until(() -> contents(frame, "conversations").contains("#dev"));
        onEdt(() -> node.receive(bob.id(), dev, "the build is green again"));
        frame.textBox("compose").enterText("nice, thanks");
        frame.textBox("compose").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        await().atMost(WAIT).until(() -> contents(frame, "transcript").contains("ann: nice, thanks"));

        Path file = Path.of("target", "window-memory.png");
        GuiTesting.screenshot((javax.swing.JFrame) frame.target(), file);

        assertThat(file).isNotEmptyFile();
        java.awt.image.BufferedImage image = uncheckedRead(file);
        assertThat(image.getWidth()).isEqualTo(frame.target().getWidth() - frame.target().getInsets().left
                - frame.target().getInsets().right);
    }

    private static java.awt.image.BufferedImage uncheckedRead(Path file) {
        try {
            return javax.imageio.ImageIO.read(file.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

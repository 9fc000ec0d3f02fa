package peerchat.ui.swing.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.JList;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.assertj.swing.timing.Timeout;
import org.assertj.swing.fixture.JListFixture;
import peerchat.ui.swing.presenter.ConversationItem;
import peerchat.ui.swing.presenter.GroupItem;
import peerchat.ui.swing.presenter.Line;
import peerchat.ui.swing.presenter.UserItem;

/** What every window test needs: a display, EDT discipline, and readable list contents. */
final class GuiTesting {
    private GuiTesting() {
    }

    /** Fails (not skips) without a display: CI always has one (xvfb-run), so a skip would hide a broken setup. */
    static void requireDisplay() {
        assertThat(GraphicsEnvironment.isHeadless())
                .as("the window tests need a display: run them under xvfb-run -a -s \"-screen 0 1280x1024x24\"")
                .isFalse();
        // Any Swing call off the EDT, by the window or by a test, fails the test.
        FailOnThreadViolationRepaintManager.install();
    }

    /**
     * A robot for a new window. It types faster than AssertJ Swing's default (which is tuned for
     * slow desktops); it still waits for the event queue to be idle after every event.
     */
    static Robot robot() {
        Robot robot = BasicRobot.robotWithNewAwtHierarchy();
        robot.settings().delayBetweenEvents(30);
        robot.settings().eventPostingDelay(60);
        return robot;
    }

    /**
     * Types {@code text} into the question the window just asked (an option pane), in place of what
     * it held (an answer filled in), and confirms
     * with Enter, to the field that just took the typed text (a click on OK was lost now and then
     * under Xvfb, where no window manager places the new dialog).
     * The click gives the field the focus first: without a window manager a new dialog may not
     * have it yet, and keys typed before would be lost.
     */
    static void answer(FrameFixture frame, String text) {
        JOptionPaneFixture ask = frame.optionPane(Timeout.timeout(10_000));
        ask.textBox().click();
        ask.textBox().deleteText();
        ask.textBox().enterText(text);
        ask.textBox().requireText(text);
        ask.textBox().pressAndReleaseKeys(java.awt.event.KeyEvent.VK_ENTER);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> !GuiActionRunner.execute(() -> ask.target().isShowing()));
    }

    /** A key pressed with a modifier held, to the focused component, as a person types it. */
    static void chord(Robot robot, int modifier, int key) {
        robot.pressKey(modifier);
        try {
            robot.pressAndReleaseKey(key);
        } finally {
            robot.releaseKey(modifier);
        }
    }

    /** Lists show records; read them as the tests name them. */
    static JListFixture list(FrameFixture frame, String name) {
        JListFixture list = frame.list(name);
        list.replaceCellReader(GuiTesting::cell);
        return list;
    }

    static List<String> contents(FrameFixture frame, String name) {
        return Arrays.asList(list(frame, name).contents());
    }

    private static String cell(JList<?> list, int index) {
        Object o = list.getModel().getElementAt(index);
        if (o instanceof ConversationItem c) {
            return c.unread() > 0 ? c.label() + " (" + c.unread() + ")" : c.label();
        }
        if (o instanceof GroupItem g) {
            return g.name() + " " + g.members() + (g.joined() ? " joined" : "");
        }
        if (o instanceof UserItem u) {
            return u.label() + (u.online() ? " online" : " offline") + (u.ignored() ? " ignored" : "");
        }
        if (o instanceof Line l) {
            return l.kind() == Line.Kind.NOTICE ? "notice: " + l.text()
                    : l.kind() == Line.Kind.DIVIDER ? "-- " + l.text() + " --" : l.from() + ": " + l.text();
        }
        return String.valueOf(o);
    }

    /** The whole window, menus included, painted off screen: the same picture on any display. */
    static void screenshot(JFrame frame, Path file) {
        BufferedImage image = GuiActionRunner.execute(() -> {
            BufferedImage img = new BufferedImage(frame.getRootPane().getWidth(), frame.getRootPane().getHeight(),
                    BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = img.createGraphics();
            frame.getRootPane().paint(g);
            g.dispose();
            return img;
        });
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

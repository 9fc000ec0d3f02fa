package peerchat.ui.swing;

import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.api.Frontend;
import peerchat.engine.api.Node;
import peerchat.ui.swing.window.ChatWindow;
import peerchat.ui.swing.window.Theme;
import peerchat.ui.swing.window.WindowSettings;

/**
 * {@code --gui}: the Swing window. Found by the launcher through
 * {@code META-INF/services/peerchat.engine.api.Frontend}.
 */
public final class SwingFrontend implements Frontend {
    /** The process could not show a window (no display). */
    public static final int NO_DISPLAY = 3;

    private static final Logger LOG = LoggerFactory.getLogger(SwingFrontend.class);

    @Override
    public String name() {
        return "gui";
    }

    /**
     * Shows the window and waits (on the caller's thread, never the EDT) until it is closed or the
     * user quits; then shuts the node down and returns 0.
     */
    @Override
    public int run(Node node) {
        return show(node, null);
    }

    /** As {@link #run(Node)}, the theme and the window's place kept in {@code <data>/window.properties}. */
    @Override
    public int run(Node node, Path dataDir) {
        return show(node, dataDir.resolve(WindowSettings.FILE_NAME));
    }

    private int show(Node node, Path settings) {
        if (GraphicsEnvironment.isHeadless()) {
            LOG.error("no display to show the window on (is DISPLAY set?); try the terminal UI instead");
            return NO_DISPLAY;
        }
        CountDownLatch closed = new CountDownLatch(1);
        try {
            EventQueue.invokeAndWait(() -> {
                if (settings == null) {
                    Theme.setup(false);
                }
                ChatWindow.open(node, Clock.systemDefaultZone(), closed::countDown, settings);
            });
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InvocationTargetException e) {
            LOG.error("the window could not be opened", e.getCause());
            return 1;
        }
        node.shutdown().block(Duration.ofSeconds(30));
        return 0;
    }
}

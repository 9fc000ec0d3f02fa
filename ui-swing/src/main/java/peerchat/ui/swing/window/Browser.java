package peerchat.ui.swing.window;

import java.net.URI;

/**
 * The desktop's web browser, where the transcript's menu opens links. {@link DesktopBrowser} in
 * the window; the window's tests stand in for it (under Xvfb there is none).
 */
interface Browser {
    /** Whether there is one to open links in: the menu's Open items are enabled only then. */
    boolean available();

    /** Opens {@code link} in it without holding up the caller (the EDT); a failure is logged, not thrown. */
    void open(URI link);
}

package peerchat.ui.swing.window;

import java.awt.Desktop;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The browser the user's desktop opens web links with, through {@link Desktop#browse}. */
final class DesktopBrowser implements Browser {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopBrowser.class);

    @Override
    public boolean available() {
        return Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE);
    }

    /** On a thread of its own: the desktop's browser launch can take a while. */
    @Override
    public void open(URI link) {
        Thread t = new Thread(() -> {
            try {
                Desktop.getDesktop().browse(link);
            } catch (Exception e) {
                LOG.warn("could not open {} in a browser: {}", link, e.toString());
            }
        }, "peerchat-browse");
        t.setDaemon(true);
        t.start();
    }
}

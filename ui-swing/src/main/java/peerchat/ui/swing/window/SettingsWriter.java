package peerchat.ui.swing.window;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.swing.Timer;

/**
 * Keeps {@code window.properties} current while the window is open, so that what the user has read
 * survives a crash or a kill: at most {@link #DELAY_MS} after the first change it takes the settings
 * as they are now (on the EDT) and writes them on a thread of its own, never on the EDT. A busy
 * conversation gives a write every {@link #DELAY_MS}, not one per message. Used on the EDT only.
 */
final class SettingsWriter {
    static final int DELAY_MS = 2_000;

    private final Path file;
    private final Supplier<WindowSettings> now;
    private final Timer timer;
    private final ExecutorService disk = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "peerchat-window-settings");
        t.setDaemon(true);
        return t;
    });

    /** @param now the settings as they are, taken on the EDT */
    SettingsWriter(Path file, Supplier<WindowSettings> now) {
        this.file = file;
        this.now = now;
        this.timer = new Timer(DELAY_MS, e -> write());
        timer.setRepeats(false);
    }

    /** Something to keep changed: written within {@link #DELAY_MS}. */
    void changed() {
        if (!timer.isRunning()) {
            timer.start();
        }
    }

    private void write() {
        WindowSettings settings = now.get();
        disk.execute(() -> settings.save(file));
    }

    /** The window closes: writes the settings as they are now and waits (briefly) until they are on disk. */
    void close() {
        timer.stop();
        write();
        disk.shutdown();
        try {
            disk.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

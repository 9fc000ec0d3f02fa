package peerchat.ui.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.api.Frontend;
import peerchat.engine.api.Node;
import peerchat.ui.launch.Version;

/**
 * The default frontend: the interactive terminal UI on the process's own terminal. On Java 17
 * JLine needs its JNI provider for a real terminal (raw mode, cursor moves); without one it falls
 * back to a dumb terminal, which still works line by line, and says so in the log.
 */
public final class TerminalFrontend implements Frontend {
    public static final String HISTORY_FILE = "history";
    private static final Logger LOG = LoggerFactory.getLogger(TerminalFrontend.class);

    private final Path dataDir;

    public TerminalFrontend(Path dataDir) {
        this.dataDir = dataDir;
    }

    @Override
    public String name() {
        return "terminal";
    }

    @Override
    public int run(Node node) {
        try (Terminal terminal = open()) {
            LOG.info("terminal: {} (type {}, {})", terminal.getClass().getSimpleName(), terminal.getType(), terminal.getSize());
            Palette palette = Palette.choose(terminal.getType(), System.getenv());
            Renderer renderer = new Renderer(palette, Clock.systemUTC(), ZoneId.systemDefault());
            return new TerminalSession(terminal, node, dataDir.resolve(HISTORY_FILE), renderer, Version.current()).run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal", e);
        }
    }

    /**
     * The process's terminal, on which a typed Ctrl-C is a key and only a key. JLine 4 also turns
     * a Ctrl-C byte it reads from a tty with ISIG off into a "software" SIGINT, raised by its input
     * pump thread before it hands the byte on; while a line is read, that signal interrupts the
     * reading thread. When the interrupt wins the race with the byte, readLine throws for the line
     * as it stands (cleared: right) and leaves the byte queued, and the next prompt reads it as a
     * Ctrl-C on an empty line and quits (under tmux, seen within a few tries of "t1" then C-c).
     * The session keeps ISIG off and handles Ctrl-C as the key it is, so JLine's copy goes; a
     * real SIGINT (kill -INT) still reaches the handlers. Read when the terminal is built.
     */
    static Terminal open() throws IOException {
        System.setProperty(TerminalBuilder.PROP_SOFTWARE_SIGNALS, "false");
        return TerminalBuilder.builder().name("peerchat").system(true).build();
    }
}

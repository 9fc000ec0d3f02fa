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
        try (Terminal terminal = TerminalBuilder.builder().name("peerchat").system(true).build()) {
            LOG.info("terminal: {} (type {}, {})", terminal.getClass().getSimpleName(), terminal.getType(), terminal.getSize());
            Palette palette = Palette.choose(terminal.getType(), System.getenv());
            Renderer renderer = new Renderer(palette, Clock.systemUTC(), ZoneId.systemDefault());
            return new TerminalSession(terminal, node, dataDir.resolve(HISTORY_FILE), renderer, Version.current()).run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal", e);
        }
    }
}

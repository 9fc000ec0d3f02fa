package peerchat.ui.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

/**
 * Started by {@link RealPtyTest} under a pty: opens the terminal as {@link TerminalFrontend} does,
 * raw with ISIG off as a session keeps it, reads keys as JLine's line reader does (with a timeout,
 * through its input pump) up to a Ctrl-C, and says what it read and how many SIGINTs the terminal
 * raised meanwhile.
 */
public final class PtyKeys {
    private static final int CTRL_C = 3;

    private PtyKeys() {
    }

    public static void main(String[] args) throws IOException {
        try (Terminal terminal = TerminalFrontend.open()) {
            Attributes cooked = terminal.enterRawMode();
            AtomicInteger signals = new AtomicInteger();
            terminal.handle(Terminal.Signal.INT, s -> signals.incrementAndGet());
            PrintWriter out = terminal.writer();
            out.println("ready");
            out.flush();
            StringBuilder keys = new StringBuilder();
            NonBlockingReader in = terminal.reader();
            for (int c = in.read(100); c != CTRL_C && c != NonBlockingReader.EOF; c = in.read(100)) {
                if (c != NonBlockingReader.READ_EXPIRED) {
                    keys.append((char) c);
                }
            }
            out.println("keys: " + keys + ", signals: " + signals.get());
            out.flush();
            terminal.setAttributes(cooked);
        }
    }
}

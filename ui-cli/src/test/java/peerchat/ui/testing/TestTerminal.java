package peerchat.ui.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * A JLine terminal on in-memory streams, with xterm capabilities, so that line editing,
 * completion and printing above the prompt run exactly as on a terminal: the test types keys and
 * reads the screen bytes.
 */
public final class TestTerminal implements AutoCloseable {
    private final KeyStream keys = new KeyStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Terminal terminal;

    public TestTerminal() throws IOException {
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (screen) {
                    screen.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (screen) {
                    screen.write(b, off, len);
                }
            }
        };
        terminal = TerminalBuilder.builder().system(false).streams(keys, out).type("xterm-256color")
                .size(new Size(160, 40)).encoding(StandardCharsets.UTF_8).build();
    }

    public Terminal terminal() {
        return terminal;
    }

    public void type(String text) {
        keys.type(text);
    }

    /** Everything written so far, escape sequences included. */
    public String raw() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    /** What was written, without escape sequences and carriage returns. */
    public String text() {
        return raw().replaceAll("\u001B\\[[0-9;?]*[ -/]*[@-~]", "").replaceAll("\u001B[()][0-9A-B]", "")
                .replaceAll("\u001B[=>]", "").replace("\r", "");
    }

    @Override
    public void close() throws IOException {
        keys.end();
        terminal.close();
    }
}

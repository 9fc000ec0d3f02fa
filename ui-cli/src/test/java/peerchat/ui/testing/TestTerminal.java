package peerchat.ui.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * A JLine terminal on in-memory streams, with xterm capabilities, so that line editing,
 * completion and printing above the prompt run exactly as on a terminal: the test types keys and
 * reads the screen bytes.
 */
public final class TestTerminal implements AutoCloseable {
    private static final int EOF = -1;
    private final BlockingQueue<Integer> keys = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Terminal terminal;

    public TestTerminal() throws IOException {
        InputStream in = new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    return keys.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                int c = read();
                if (c == EOF) {
                    keys.add(EOF);
                    return EOF;
                }
                b[off] = (byte) c;
                int n = 1;
                Integer next;
                while (n < len && (next = keys.peek()) != null && next != EOF) {
                    b[off + n++] = (byte) (int) keys.poll();
                }
                return n;
            }

            @Override
            public int available() {
                return keys.size();
            }
        };
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
        terminal = TerminalBuilder.builder().system(false).streams(in, out).type("xterm-256color")
                .size(new Size(160, 40)).encoding(StandardCharsets.UTF_8).build();
    }

    public Terminal terminal() {
        return terminal;
    }

    public void type(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            keys.add(b & 0xff);
        }
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
        keys.add(EOF);
        terminal.close();
    }
}

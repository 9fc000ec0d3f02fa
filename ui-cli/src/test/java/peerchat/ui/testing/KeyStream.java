package peerchat.ui.testing;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An input stream the test types into, from any thread, and ends when it likes: stdin of a
 * frontend under test. Unlike piped streams it does not care which thread writes.
 */
public final class KeyStream extends InputStream {
    private static final int EOF = -1;
    private final BlockingQueue<Integer> keys = new LinkedBlockingQueue<>();

    public void type(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            keys.add(b & 0xff);
        }
    }

    /** End of input: what the reader sees once everything typed before is read. */
    public void end() {
        keys.add(EOF);
    }

    @Override
    public int read() throws InterruptedIOException {
        try {
            int c = keys.take();
            if (c == EOF) {
                keys.add(EOF);
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws InterruptedIOException {
        if (len == 0) {
            return 0;
        }
        int c = read();
        if (c == EOF) {
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
}

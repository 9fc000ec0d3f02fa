package peerchat.ui.json;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines from stdin with a bound on their length: a script that pipes a huge file without newlines
 * gets an error per over-long line instead of filling the heap. Accepts {@code \n} and
 * {@code \r\n} endings.
 */
final class LineInput {
    /** A line, or the fact that one was too long (its text is then dropped). */
    record Line(String text, boolean tooLong) {
    }

    private final Reader in;
    private final int max;

    LineInput(Reader in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The next line, or null at end of input. */
    Line next() throws IOException {
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                return finish(line, tooLong);
            }
            if (line.length() < max) {
                line.append((char) c);
            } else {
                tooLong = true;
            }
        }
        return line.length() == 0 && !tooLong ? null : finish(line, tooLong);
    }

    private static Line finish(StringBuilder line, boolean tooLong) {
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
            line.setLength(n - 1);
        }
        return tooLong ? new Line("", true) : new Line(line.toString(), false);
    }
}

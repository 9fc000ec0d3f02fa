package peerchat.ui.cli;

import java.util.Map;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * The colours of the terminal UI, or none: names, groups, errors, times and the mark of a late
 * message each have a style, and with colour off every style is plain.
 */
public final class Palette {
    private final boolean colour;

    private Palette(boolean colour) {
        this.colour = colour;
    }

    public static Palette colour() {
        return new Palette(true);
    }

    public static Palette plain() {
        return new Palette(false);
    }

    /**
     * No colour when the output is not a terminal (a dumb or unknown one: piped, or under a test
     * harness) or {@code NO_COLOR} is set to anything non-empty (no-color.org).
     */
    public static Palette choose(String terminalType, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return new Palette(!isDumb(terminalType) && (noColor == null || noColor.isEmpty()));
    }

    /** A terminal that only passes text on (output piped, or a harness): no colour, no bell. */
    static boolean isDumb(String terminalType) {
        return terminalType == null || terminalType.isEmpty() || terminalType.startsWith("dumb") || terminalType.equals("unknown");
    }

    public boolean isColour() {
        return colour;
    }

    AttributedString name(String text, boolean own) {
        return styled(text, own ? AttributedStyle.BOLD.foreground(AttributedStyle.GREEN)
                : AttributedStyle.BOLD.foreground(AttributedStyle.CYAN));
    }

    /** The sender of a message that names the user. */
    AttributedString mentioner(String text) {
        return styled(text, AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW));
    }

    /** The text of a message that names the user. */
    AttributedString mention(String text) {
        return styled(text, AttributedStyle.BOLD);
    }

    AttributedString group(String text) {
        return styled(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA));
    }

    AttributedString error(String text) {
        return styled(text, AttributedStyle.BOLD.foreground(AttributedStyle.RED));
    }

    AttributedString time(String text) {
        return styled(text, AttributedStyle.DEFAULT.faint());
    }

    AttributedString late(String text) {
        return styled(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW));
    }

    AttributedString notice(String text) {
        return styled(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE));
    }

    AttributedString plain(String text) {
        return new AttributedString(clean(text));
    }

    private AttributedString styled(String text, AttributedStyle style) {
        return colour ? new AttributedString(clean(text), style) : new AttributedString(clean(text));
    }

    /**
     * Text from other nodes goes through here, a line at a time: a newline in it must not fake a
     * line from someone else (a message's own lines are split and indented before they get here),
     * an escape sequence must not take over the terminal, and a bidi embedding, override or
     * isolate must not make a bidi terminal show the rest of the line in another order
     * ({@code gnp.exe} reversed by U+202E reads {@code exe.png}).
     */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            // U+2028/U+2029 too: a terminal or a copy of the screen may break the line there (QA).
            if (c == '\n' || c == '\r' || c == '\t' || c == 0x2028 || c == 0x2029) {
                b.append(' ');
            } else if (Character.isISOControl(c) || isBidiControl(c)) {
                b.append('?');
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /**
     * LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI: they reorder whole runs. The marks (LRM,
     * RLM, ALM) only place neutral characters next to them, cannot reverse a word, and are what
     * right-to-left writers type to get punctuation where they mean it: they stay.
     */
    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}

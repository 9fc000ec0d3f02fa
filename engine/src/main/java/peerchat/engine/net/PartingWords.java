package peerchat.engine.net;

import peerchat.store.event.Payload;

/**
 * A user's words on leaving ({@code /quit see you tomorrow}), as a BYE carries them and as a peer
 * says why the user went offline. Pure.
 */
public final class PartingWords {
    private PartingWords() {
    }

    /** Longer is refused: they are shown on one line, after the user's name. */
    public static final int MAX_CHARS = 160;

    /**
     * What a BYE may carry, so that any {@link #MAX_CHARS} characters fit: a character counted as
     * one may be several code points (a letter with its accents, an emoji joined of several), so
     * words within the count can still be too long for the frame; they are refused by this.
     */
    public static final int MAX_BYTES = 4 * MAX_CHARS;

    /**
     * The words as they will be sent: stripped, "" for none.
     *
     * @throws IllegalArgumentException with what is wrong, if longer than {@link #MAX_CHARS}
     *         characters or {@link #MAX_BYTES} bytes of UTF-8, or holding half of a surrogate pair
     *         (no UTF-8 form)
     */
    public static String check(String words) {
        String w = words == null ? "" : words.strip();
        if (!Payload.encodable(w)) {
            throw new IllegalArgumentException("the parting words hold a broken character (half of a UTF-16 surrogate pair)");
        }
        int chars = characters(w);
        if (chars > MAX_CHARS) {
            throw new IllegalArgumentException("parting words are at most " + MAX_CHARS + " characters (these are " + chars + ")");
        }
        int bytes = w.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("parting words are at most " + MAX_BYTES + " bytes of UTF-8 (these are " + bytes
                    + ": emoji and accented letters take several)");
        }
        return w;
    }

    /**
     * Characters as a person counts them: what joins onto the character before it (accents and
     * other combining marks, variation selectors, the joiners) is not counted. "é" written as e
     * and an accent counted 2 before, and 160 accented letters were refused.
     */
    static int characters(String w) {
        return (int) w.codePoints().filter(c -> !joinsOn(c)).count();
    }

    private static boolean joinsOn(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK
                || c == ZWNJ || c == ZWJ;
    }

    /** The joiners are format characters, but harmless ones: they shape emoji sequences and Indic and Persian script. */
    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;

    /**
     * Why a peer that said BYE went offline, as its users are told: {@code quit}, or {@code quit: }
     * and its words. They come from another node unchecked: cut to {@link #MAX_CHARS} characters,
     * on one line, with no control character or bidi override (format characters but the joiners)
     * to take over how the rest is shown.
     */
    static String reason(String words) {
        StringBuilder shown = new StringBuilder();
        String w = words.strip();
        int counted = 0;
        for (int i = 0; i < w.length(); i += Character.charCount(w.codePointAt(i))) {
            int c = w.codePointAt(i);
            if (!joinsOn(c) && ++counted > MAX_CHARS) {
                break; // what joins onto the last character shown is still shown with it
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                shown.append(' ');
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT && c != ZWJ && c != ZWNJ) {
                shown.append('?');
            } else {
                shown.appendCodePoint(c);
            }
        }
        String said = shown.toString().strip();
        return said.isEmpty() ? "quit" : "quit: " + said;
    }
}

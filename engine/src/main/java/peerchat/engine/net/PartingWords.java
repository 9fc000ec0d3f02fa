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
     * The words as they will be sent: stripped, "" for none.
     *
     * @throws IllegalArgumentException with what is wrong, if longer than {@link #MAX_CHARS}
     *         characters or holding half of a surrogate pair (no UTF-8 form)
     */
    public static String check(String words) {
        String w = words == null ? "" : words.strip();
        int chars = w.codePointCount(0, w.length());
        if (chars > MAX_CHARS) {
            throw new IllegalArgumentException("parting words are at most " + MAX_CHARS + " characters (these are " + chars + ")");
        }
        if (!Payload.encodable(w)) {
            throw new IllegalArgumentException("the parting words hold a broken character (half of a UTF-16 surrogate pair)");
        }
        return w;
    }

    /**
     * Why a peer that said BYE went offline, as its users are told: {@code quit}, or {@code quit: }
     * and its words. They come from another node unchecked: cut to {@link #MAX_CHARS}, on one
     * line, with no control character or bidi override to take over how the rest is shown.
     */
    static String reason(String words) {
        StringBuilder shown = new StringBuilder();
        words.strip().codePoints().limit(MAX_CHARS).forEach(c -> {
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                shown.append(' ');
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                shown.append('?');
            } else {
                shown.appendCodePoint(c);
            }
        });
        String said = shown.toString().strip();
        return said.isEmpty() ? "quit" : "quit: " + said;
    }
}

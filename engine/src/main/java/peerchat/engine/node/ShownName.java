package peerchat.engine.node;

import java.text.Normalizer;

/**
 * A display name as this node shows it, whatever another node claims. Names come from other nodes
 * unchecked (their launcher checks them; a modified or foreign client need not), and a label is
 * what users trust to say who wrote a line. So what cannot be seen does not count: invisible
 * format characters (zero-width space and joiners, bidi overrides that reverse what follows, a
 * byte-order mark) are dropped, so {@code alice} followed by a zero-width space is shown as
 * {@code alice} and, being taken for the same name as alice's, gets the same disambiguation
 * ({@code alice@10.0.0.4}); whitespace and control characters become {@code _}, so a name is one
 * word that can be written after {@code @}; a leading sigil becomes {@code _} so that a name never
 * looks like a group or a command, nor like HTML to a Swing label ({@code <html>}); it is cut to {@value #MAX} characters. Names that differ only
 * by case, by compatibility forms (a fullwidth {@code Ａ}) or by letters that look alike (a
 * Cyrillic {@code а}, a Greek {@code Ο}, a capital {@code I} for an {@code l}, {@code rn} for
 * {@code m}) are one name for telling users apart. Pure.
 */
final class ShownName {
    /** The limit for a name this node's user takes ({@link peerchat.engine.api.DisplayName}). */
    static final int MAX = peerchat.engine.api.DisplayName.MAX_LENGTH;
    /** What a name with nothing visible in it is shown as (its label then carries the id). */
    static final String NOTHING_VISIBLE = "_";
    // A capital I looks like an l, and is an i to case: the three are one letter, with 1, | and
    // their look-alikes (Latin ǀ, Cyrillic І Ӏ, Greek Ι), checked before lower-casing.
    private static final String LIKE_L = "Iil1|\u01C0\u0406\u04C0\u0399";
    // After lower-casing: Cyrillic а в е к м н о р с т у х (their capitals look Latin too), ѕ і ј ԁ
    // һ ӏ ԛ ԝ ь ү; Greek α β ε ζ η ι κ μ ν ο ρ τ υ χ ϲ ϳ; Latin ı ɑ ɡ; Armenian օ ս հ ո; the digit 0;
    // Cyrillic г; the Latin small capitals ᴀ ʙ ᴄ ᴅ ᴇ ɢ ʜ ɪ ᴊ ᴋ ʟ ᴍ ɴ ᴏ ᴘ ʀ ꜱ ᴛ ᴜ ᴠ ᴡ ʏ ᴢ.
    private static final String LOOK_ALIKE = "\u0430\u0432\u0435\u043A\u043C\u043D\u043E\u0440\u0441\u0442\u0443\u0445"
            + "\u0455\u0456\u0458\u0501\u04BB\u04CF\u051B\u051D\u044C\u04AF"
            + "\u03B1\u03B2\u03B5\u03B6\u03B7\u03B9\u03BA\u03BC\u03BD\u03BF\u03C1\u03C4\u03C5\u03C7\u03F2\u03F3"
            + "\u0131\u0251\u0261\u0585\u057D\u0570\u0578" + "0"
            + "\u0433" + "\u1D00\u0299\u1D04\u1D05\u1D07\u0262\u029C\u026A\u1D0A\u1D0B\u029F\u1D0D\u0274\u1D0F\u1D18"
            + "\u0280\uA731\u1D1B\u1D1C\u1D20\u1D21\u028F\u1D22";
    private static final String LATIN = "abekmhopctyx" + "sljdhlqwby" + "abezhlkmnoptyxcj" + "lagouhn" + "o"
            + "r" + "abcdeghljklmnoprstuvwyz";

    private static final java.util.regex.Pattern COMBINING_DIACRITICS = java.util.regex.Pattern.compile("[\u0300-\u036F]");

    private ShownName() {
    }

    static String of(String raw) {
        StringBuilder b = new StringBuilder(Math.min(raw.length(), MAX));
        int kept = 0;
        for (int i = 0; i < raw.length() && kept < MAX; ) {
            int c = raw.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.FORMAT) {
                continue;
            }
            boolean blank = Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                    || type == Character.UNASSIGNED || type == Character.SURROGATE || type == Character.PRIVATE_USE;
            // '<' too: a label whose text starts "<html>" is drawn as HTML by Swing (remote images).
            boolean sigil = kept == 0 && (c == '@' || c == '#' || c == '-' || c == '/' || c == '<');
            b.appendCodePoint(blank || sigil ? '_' : c);
            kept++;
        }
        return b.length() == 0 ? NOTHING_VISIBLE : b.toString();
    }

    /**
     * What two names are compared by: the same key, the same name to a reader. Two names taken for
     * one when they are not only cost a longer label ({@code ian@10.0.0.4}), two that pass for one
     * another a user being taken for someone else: so the fold is generous. The look-alikes are the
     * common ones of Unicode's confusables (UTS #39) for Latin letters, from the scripts a keyboard
     * or a name generator gives easily; ICU's full table would bring 14 MB for this alone.
     */
    /** The key of a name as another node or the user gave it: {@code key(of(raw))}. */
    static String keyOf(String raw) {
        return key(of(raw));
    }

    static String key(String shown) {
        // Accents too (ALİCE, ALICĖ): decomposed, the marks of the Latin, Greek and Cyrillic
        // letters (Combining Diacritical Marks) are dropped; other scripts' marks are letters' own.
        String compatible = COMBINING_DIACRITICS.matcher(Normalizer.normalize(
                Normalizer.normalize(shown, Normalizer.Form.NFKC), Normalizer.Form.NFD)).replaceAll("");
        StringBuilder b = new StringBuilder(compatible.length());
        compatible.codePoints().forEach(c -> b.appendCodePoint(fold(c)));
        String folded = b.toString();
        return folded.indexOf("rn") < 0 && folded.indexOf("vv") < 0 ? folded
                : folded.replace("rn", "m").replace("vv", "w");
    }

    private static int fold(int c) {
        if (LIKE_L.indexOf(c) >= 0) {
            return 'l';
        }
        int lower = Character.toLowerCase(c);
        int at = LOOK_ALIKE.indexOf(lower);
        if (at >= 0) {
            return LATIN.charAt(at);
        }
        return lower;
    }
}

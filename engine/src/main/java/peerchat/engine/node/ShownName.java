package peerchat.engine.node;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A display name as this node shows it, whatever another node claims. Names come from other nodes
 * unchecked (their launcher checks them; a modified or foreign client need not), and a label is
 * what users trust to say who wrote a line. So what cannot be seen does not count: invisible
 * format characters (zero-width space and joiners, bidi overrides that reverse what follows, a
 * byte-order mark) are dropped, so {@code alice} followed by a zero-width space is shown as
 * {@code alice} and, being taken for the same name as alice's, gets the same disambiguation
 * ({@code alice@10.0.0.4}); whitespace and control characters become {@code _}, so a name is one
 * word that can be written after {@code @}; a leading sigil becomes {@code _} so that a name never
 * looks like a group or a command; it is cut to {@value #MAX} characters. Names that differ only
 * by case or by compatibility forms (a fullwidth {@code Ａ}) are one name for telling users apart.
 * Look-alike letters of other scripts (a Cyrillic {@code а}) are not caught. Pure.
 */
final class ShownName {
    /** The launcher's own limit for a name ({@code ConfigMapping.MAX_NAME}). */
    static final int MAX = 32;
    /** What a name with nothing visible in it is shown as (its label then carries the id). */
    static final String NOTHING_VISIBLE = "_";

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
            boolean sigil = kept == 0 && (c == '@' || c == '#' || c == '-' || c == '/');
            b.appendCodePoint(blank || sigil ? '_' : c);
            kept++;
        }
        return b.length() == 0 ? NOTHING_VISIBLE : b.toString();
    }

    /** What two names are compared by: the same key, the same name to a reader. */
    static String key(String shown) {
        return Normalizer.normalize(shown, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}

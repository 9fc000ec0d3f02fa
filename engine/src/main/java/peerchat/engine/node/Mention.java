package peerchat.engine.node;

/**
 * Whether a message's text names someone: the name as a word of its own, with or without
 * {@code @}, in any case ({@code Alice, look}, {@code thanks @alice!}, {@code alice's}), but not
 * inside a longer word or name ({@code malice}, {@code alice-bot}). Pure.
 */
final class Mention {
    private Mention() {
    }

    static boolean of(String text, String name) {
        int n = name.length();
        if (n == 0 || ShownName.NOTHING_VISIBLE.equals(name)) {
            return false;
        }
        for (int at = 0; at + n <= text.length(); at++) {
            if (text.regionMatches(true, at, name, 0, n) && edge(text, at - 1) && edge(text, at + n)) {
                return true;
            }
        }
        return false;
    }

    private static boolean edge(String text, int i) {
        if (i < 0 || i >= text.length()) {
            return true;
        }
        char c = text.charAt(i);
        return !Character.isLetterOrDigit(c) && c != '_' && c != '-';
    }
}

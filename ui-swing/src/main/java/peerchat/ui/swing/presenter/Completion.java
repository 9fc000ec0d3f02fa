package peerchat.ui.swing.presenter;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import peerchat.engine.api.Commands;

/**
 * Tab in the compose box: the word before the caret completed as a user ({@code @bo} and, as in
 * IRC clients, a bare {@code bo}), a group ({@code #de}) or, first on the line, a command
 * ({@code -creat}, {@code /jo}). One match is written out with a space after it; several are
 * completed as far as they agree and listed. Pure.
 *
 * @param text    the compose box's text after it
 * @param caret   where the caret goes
 * @param choices the matches when there were several (to show), else empty
 */
public record Completion(String text, int caret, List<String> choices) {

    public static Completion of(String text, int caret, List<String> users, List<String> groups) {
        int start = caret;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        String word = text.substring(start, caret);
        String sigil;
        List<String> names;
        if (word.startsWith("@")) {
            sigil = "@";
            names = users;
        } else if (word.startsWith("#")) {
            sigil = "#";
            names = groups;
        } else if (start == 0 && (word.startsWith("-") || word.startsWith("/"))) {
            sigil = "";
            names = Commands.ALL.stream().flatMap(c -> c.spellings().stream()).collect(Collectors.toList());
        } else if (!word.isEmpty()) {
            sigil = "";
            names = users;
        } else {
            return new Completion(text, caret, List.of());
        }
        String typed = word.substring(sigil.length()).toLowerCase(Locale.ROOT);
        List<String> matches = names.stream().filter(n -> n.toLowerCase(Locale.ROOT).startsWith(typed))
                .distinct().sorted().collect(Collectors.toList());
        if (matches.isEmpty()) {
            return new Completion(text, caret, List.of());
        }
        String after = text.substring(caret);
        if (matches.size() == 1) {
            // One space after the name: the one already there, or a new one.
            boolean spaced = !after.isEmpty() && Character.isWhitespace(after.charAt(0));
            String before = text.substring(0, start) + sigil + matches.get(0) + (spaced ? "" : " ");
            return new Completion(before + after, before.length() + (spaced ? 1 : 0), List.of());
        }
        String before = text.substring(0, start) + sigil + commonPrefix(matches, typed.length());
        return new Completion(before + after, before.length(), matches.stream().map(m -> sigil + m).collect(Collectors.toList()));
    }

    /** The longest start the matches share (as typed, case aside), at least what was typed. */
    private static String commonPrefix(List<String> matches, int typed) {
        String first = matches.get(0);
        int n = first.length();
        for (String m : matches) {
            int i = typed;
            while (i < Math.min(n, m.length()) && Character.toLowerCase(m.charAt(i)) == Character.toLowerCase(first.charAt(i))) {
                i++;
            }
            n = i;
        }
        return first.substring(0, Math.max(n, Math.min(typed, first.length())));
    }
}

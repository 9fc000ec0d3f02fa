package peerchat.ui.swing.presenter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web links in a message, for the transcript's menu (open, copy): {@code http://} and
 * {@code https://} up to the next space, without the punctuation that ends the sentence around
 * them ({@code see https://x/y.} is {@code https://x/y}; a closing bracket stays when the link
 * opened one, as in Wikipedia's). Pure.
 */
public final class LinksInText {
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
    private static final String TRAILING = ".,;:!?'\")]}";

    private LinksInText() {
    }

    public static List<String> of(String text) {
        List<String> links = new ArrayList<>();
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            String link = trim(m.group());
            if (link.indexOf("://") + 3 < link.length() && !links.contains(link)) {
                links.add(link);
            }
        }
        return links;
    }

    private static String trim(String link) {
        String s = link;
        while (!s.isEmpty() && TRAILING.indexOf(s.charAt(s.length() - 1)) >= 0) {
            char last = s.charAt(s.length() - 1);
            if (last == ')' && count(s, '(') >= count(s, ')')) {
                break;
            }
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }
}

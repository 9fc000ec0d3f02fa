package peerchat.ui.swing.presenter;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web links in a message, for the transcript (drawn as links, opened on a click) and its menu
 * (open, copy): {@code http://} and {@code https://} up to the next space, without the punctuation
 * that ends the sentence around them ({@code see https://x/y.} is {@code https://x/y}; a closing
 * bracket stays when the link opened one, as in Wikipedia's). No other scheme is a link
 * ({@code file:}, {@code javascript:}...). The text comes from other users, so a link is exactly what
 * it looks like: it also ends at a control character or an invisible one (a zero-width space, a
 * bidi override), which would make the link opened another than the one read. Pure.
 */
public final class LinksInText {
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\\p{Z}\\p{Cc}\\p{Cf}<>\"]+",
            Pattern.CASE_INSENSITIVE);
    private static final String TRAILING = ".,;:!?'\")]}";

    /** A link found at {@code [start, end)} of the text it was found in. */
    public record Span(int start, int end, String link) {
    }

    private LinksInText() {
    }

    /** Each link once, in the order of their first appearance. */
    public static List<String> of(String text) {
        List<String> links = new ArrayList<>();
        for (Span s : spans(text)) {
            if (!links.contains(s.link())) {
                links.add(s.link());
            }
        }
        return links;
    }

    /** Every link where it is in {@code text}, repeats too, in order. */
    public static List<Span> spans(String text) {
        List<Span> spans = new ArrayList<>();
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            String link = trim(m.group());
            if (link.indexOf("://") + 3 < link.length()) {
                spans.add(new Span(m.start(), m.start() + link.length(), link));
            }
        }
        return spans;
    }

    /**
     * The link as a URI to open: as written when it is one, else with what a URI cannot hold
     * ({@code |}, {@code {}}, {@code ^}, a backslash, a {@code %} not followed by two hex digits, a
     * second {@code #}) percent-encoded, as a browser's address bar does. Only a web link is one:
     * any other scheme ({@code file:}, {@code javascript:}) is refused, whoever asks.
     */
    public static URI uri(String link) throws URISyntaxException {
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException e) {
            uri = new URI(quoted(link));
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new URISyntaxException(link, "not a web link (http or https)");
        }
        return uri;
    }

    private static final String KEPT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?[]@!$&'()*+,;=";

    private static String quoted(String link) {
        byte[] bytes = link.getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(bytes.length + 16);
        boolean fragment = false;
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean escape = c == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) && hex(bytes[i + 2]);
            boolean firstHash = c == '#' && !fragment;
            if (c < 0x80 && (KEPT.indexOf(c) >= 0 || escape || firstHash)) {
                fragment |= firstHash;
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }

    private static boolean hex(byte c) {
        return Character.digit(c, 16) >= 0;
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

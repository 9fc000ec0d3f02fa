package peerchat.engine.api;

/**
 * The rule for a name this node's user takes, at start ({@code --name}) or later ({@code -nick}):
 * one word that can be written after {@code @} and shown in a prompt. What other nodes send is not
 * held to it (theirs may be modified or foreign); it is shown cleaned instead. Pure.
 */
public final class DisplayName {
    public static final int MAX_LENGTH = 32;

    private DisplayName() {
    }

    /** {@code raw} trimmed, or why it cannot be a name (an {@link IllegalArgumentException} for a person). */
    public static String check(String raw) {
        String name = raw.trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the name is longer than " + MAX_LENGTH + " characters: " + visible(name));
        }
        // Said apart from spaces, and never echoed as they are: an escape sequence in a refused
        // --name went to the terminal raw (QA: ESC [2J cleared the screen of the error).
        if (name.chars().anyMatch(c -> Character.isISOControl(c) && !Character.isWhitespace(c))) {
            throw new IllegalArgumentException("a name cannot hold control characters: '" + visible(name) + "'");
        }
        // SPACE_SEPARATOR: a no-break space is not whitespace to Java, but is a space to the eye.
        if (name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.getType(c) == Character.SPACE_SEPARATOR)) {
            throw new IllegalArgumentException("a name is one word, without spaces: '" + visible(name) + "'");
        }
        // Others would not see them (the engine's ShownName drops them): a name must be what it looks like.
        if (name.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT)) {
            throw new IllegalArgumentException("a name cannot hold invisible characters (zero-width, direction marks): '"
                    + name.codePoints().filter(c -> Character.getType(c) != Character.FORMAT)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "'");
        }
        // Half of a surrogate pair has no UTF-8 form: the log could not hold the rename.
        if (!peerchat.store.event.Payload.encodable(name)) {
            throw new IllegalArgumentException("a name cannot hold a broken character (half of a UTF-16 surrogate pair)");
        }
        // '<': Swing draws a label whose text starts "<html>" as HTML (remote images, spoofed
        // formatting), and a name starts many labels.
        if (name.startsWith("@") || name.startsWith("#") || name.startsWith("-") || name.startsWith("/") || name.startsWith("<")) {
            throw new IllegalArgumentException("a name cannot start with @ # - / or <: " + name);
        }
        return name;
    }

    /** {@code name} as an error message can show it: control and invisible characters as {@code \\u001b}. */
    private static String visible(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}

package peerchat.store.event;

import java.util.Objects;

/**
 * What a causally ordered message carries: chat text, a change of group membership, or a new
 * display name (both of the latter are themselves causally ordered messages to everyone,
 * DESIGN.md › Causal ordering, so everyone takes them in the same place among the messages).
 */
public sealed interface Payload {
    /** Upper bound on chat text, in characters ({@link #length}); longer text is refused at the command. */
    int MAX_TEXT_LENGTH = 4000;

    /** Characters as a person counts them: an emoji is one, not the two UTF-16 units Java counts. */
    static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /**
     * Whether the log can hold {@code text}: no half of a UTF-16 surrogate pair on its own, which
     * has no UTF-8 form. A payload the log would refuse must never reach the causal core (every
     * later message would name it, and peers would wait for it for good), so none can be made.
     */
    public static boolean encodable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Why text cannot be carried, for the person who wrote it. */
    String BROKEN_CHARACTER = "it holds a broken character (half of a UTF-16 surrogate pair)";

    record Chat(Target to, String text) implements Payload {
        public Chat {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(text, "text");
            if (!encodable(text)) {
                throw new IllegalArgumentException(BROKEN_CHARACTER);
            }
        }
    }

    /** The sender itself created, joined or left a group: a user only ever changes its own membership. */
    record Membership(GroupName group, Change change) implements Payload {
        public Membership {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * The sender took a new display name (its id, which is what it is, stays). Causally ordered, so
     * that a line written after the change never shows before it anywhere; a peer that was away is
     * sent it with the rest when it is back, and hears the name in the handshake too.
     */
    record Rename(String name) implements Payload {
        /** As many characters as a name may have in a handshake: another node's limit is its own business. */
        public static final int MAX_NAME_CHARS = 256;

        public Rename {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || name.length() > MAX_NAME_CHARS) {
                throw new IllegalArgumentException("a name of 1 to " + MAX_NAME_CHARS + " characters, not " + name.length());
            }
            if (!encodable(name)) {
                throw new IllegalArgumentException(BROKEN_CHARACTER);
            }
        }
    }

    enum Change { CREATE, JOIN, LEAVE }
}

package peerchat.ui.swing.presenter;

/**
 * One entry of the transcript. A {@link Kind#MESSAGE} is a chat message ({@code id} and
 * {@code cursor} set); a {@link Kind#NOTICE} is this window talking to its user (a command's
 * answer), never stored and gone when the conversation changes, or a rename told
 * ({@code bob is now known as bobby}: {@code id} and {@code cursor} those of the rename, which the
 * history keeps among the messages); a {@link Kind#DIVIDER} is the window's too.
 *
 * @param heldBack causal order held the message back until what it depends on arrived
 * @param mention  someone else's message that names this user
 * @param action   a {@code /me} action: {@code text} is what follows the sender's name
 */
public record Line(Kind kind, String id, String from, String time, String text, boolean own, boolean heldBack,
                   boolean mention, long cursor, boolean action) {
    /** A {@link Kind#DIVIDER} marks where the messages that were unread when the conversation was opened begin. */
    public enum Kind { MESSAGE, NOTICE, DIVIDER }

    /** The text as read: an action with its sender ({@code * bob waves}), anything else as it is. */
    public String shownText() {
        return action ? "* " + from + " " + text : text;
    }

    /** This line as sent by someone now called {@code label}. */
    Line from(String label) {
        return new Line(kind, id, label, time, text, own, heldBack, mention, cursor, action);
    }

    static Line notice(String time, String text) {
        return new Line(Kind.NOTICE, "", "", time, text, false, false, false, -1, false);
    }

    /** A rename's notice, {@code id} the rename's, in its place among the messages ({@code cursor}, as a message's). */
    static Line rename(String id, long cursor, String time, String text) {
        return new Line(Kind.NOTICE, id, "", time, text, false, false, false, cursor, false);
    }

    /** {@code atLeast}: there are more than {@code unread} (counted at start in only the newest part of the log). */
    static Line divider(int unread, boolean atLeast) {
        String text = atLeast ? unread + "+ new messages" : unread == 1 ? "1 new message" : unread + " new messages";
        return new Line(Kind.DIVIDER, "", "", "", text, false, false, false, -1, false);
    }
}

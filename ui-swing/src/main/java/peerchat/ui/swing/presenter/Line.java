package peerchat.ui.swing.presenter;

/**
 * One entry of the transcript. A {@link Kind#MESSAGE} is a chat message ({@code id} and
 * {@code cursor} set); a {@link Kind#NOTICE} is this window talking to its user (a command's
 * answer), never stored and gone when the conversation changes.
 *
 * @param heldBack causal order held the message back until what it depends on arrived
 * @param mention  someone else's message that names this user
 */
public record Line(Kind kind, String id, String from, String time, String text, boolean own, boolean heldBack,
                   boolean mention, long cursor) {
    public enum Kind { MESSAGE, NOTICE }

    static Line notice(String time, String text) {
        return new Line(Kind.NOTICE, "", "", time, text, false, false, false, -1);
    }
}

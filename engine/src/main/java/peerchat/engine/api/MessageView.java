package peerchat.engine.api;

import peerchat.store.event.NodeId;

/**
 * A chat message as frontends show it.
 *
 * @param id           the message id, the same on every node ({@code <sender id>-<seq>})
 * @param fromId       the sender
 * @param from         the sender's label (see {@link UserView#label()}) under the name they wrote it
 *                     under, as IRC logs keep the nick of the time: a line written before a rename
 *                     keeps the old name in the history too ({@link HistoryPage} has the rename)
 * @param to           {@code #group} or {@code @label} of the recipient
 * @param conversation where it belongs from this node's point of view
 * @param text         the text
 * @param ts           when the sender sent it (sender's clock, epoch ms)
 * @param deliveredAt  when it was delivered here (epoch ms; equal to ts for own messages)
 * @param own          sent by this node
 * @param heldBack     it reached this node before something it depends on, and causal order held
 *                     it back until that arrived (frontends mark it as late)
 * @param mention      another user's message that names this node's user (as a word, with or
 *                     without {@code @}): frontends make it stand out
 * @param cursor       its position in this node's log: page further back with it
 */
public record MessageView(String id, NodeId fromId, String from, String to, Conversation conversation,
                          String text, long ts, long deliveredAt, boolean own, boolean heldBack,
                          boolean mention, long cursor) {
    /**
     * How an action begins ({@code /me waves}, IRC's and Matrix's emote): the text is sent as
     * written, so a node that does not know actions shows it as it was typed.
     */
    public static final String ACTION = "/me ";

    /** An action: shown as {@code * alice waves}, not {@code alice: /me waves}. */
    public boolean action() {
        return isAction(text);
    }

    /** What follows the sender's name: the text, without its {@code /me} for an action. */
    public String shownText() {
        return shownText(text);
    }

    /** {@code text} without its {@code /me} if it is an action: what its sender said they do. */
    public static String shownText(String text) {
        return isAction(text) ? text.substring(ACTION.length()) : text;
    }

    private static boolean isAction(String text) {
        return text.startsWith(ACTION) && !text.substring(ACTION.length()).isBlank();
    }
}

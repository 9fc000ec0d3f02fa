package peerchat.ui.swing.presenter;

import peerchat.engine.api.ChatEvent;

/**
 * The status line's word on messages that causal order holds back: the first line of what the
 * node tells ({@link ChatEvent.HeldBack}), shown until the node tells that nothing is held back
 * any more ({@link ChatEvent.Released}) or tells a new count. Only the node knows when that is:
 * the line follows its events and asks nothing. A line shown since by something else (an error,
 * a warning) is not this one's to clear.
 */
final class HeldBackStatus {
    private final ChatView view;
    /** The held-back line shown in the status line; empty when there is none. */
    private String shown = "";

    HeldBackStatus(ChatView view) {
        this.view = view;
    }

    /** The node says messages are held back: the first line of {@code text} goes in the status line. */
    void told(String text) {
        shown = ReplyText.firstLine(text);
        view.showStatus(shown, false);
    }

    /** The node says nothing is held back any more: the line goes, if it is still there. */
    void released() {
        if (!shown.isEmpty()) {
            view.replaceStatus(shown, "");
            shown = "";
        }
    }
}

package peerchat.ui.swing.presenter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Node;
import peerchat.engine.api.Reply;

/**
 * Keeps the status line's word on messages that causal order holds back true. The node tells when
 * messages stay held back ({@link ChatEvent.HeldBack}) but not when they are let through, so once
 * the line is shown, whatever the node tells next (a message delivered, someone coming or going)
 * may have made it stale: the node is asked again, as {@code -waiting} asks, one question at a
 * time, and the line follows its answer: cleared once nothing is held back, the new count while
 * something still is. A line shown since by something else is left alone.
 */
final class HeldBackStatus {
    private static final Logger LOG = LoggerFactory.getLogger(HeldBackStatus.class);
    /**
     * How the node's answer to {@code -waiting} begins when nothing is held back. The API says so
     * only in this text (the engine's {@code HoldsText}, whose test pins it).
     */
    static final String NOTHING_HELD = "nothing is held back";

    private final Node node;
    private final ChatView view;
    private final Answers answers;
    /** The held-back line shown in the status line; empty when there is none to keep true. */
    private String shown = "";
    private boolean asking;
    /** Something came while asking: the answer on its way may be older than it. */
    private boolean askAgain;

    HeldBackStatus(Node node, ChatView view, Answers answers) {
        this.node = node;
        this.view = view;
        this.answers = answers;
    }

    /** The node says messages are held back: the first line of {@code text} goes in the status line. */
    void told(String text) {
        shown = ReplyText.firstLine(text);
        view.showStatus(shown, false);
        // An answer still on its way may be older than this.
        askAgain |= asking;
    }

    /** The node told something else: if a held-back line is shown, it may be stale now. */
    void somethingCame() {
        if (shown.isEmpty()) {
            return;
        }
        if (asking) {
            askAgain = true;
            return;
        }
        asking = true;
        answers.whenDone(node.execute("-waiting"), this::answered, e -> {
            asking = false;
            LOG.warn("could not ask the node what is held back", e);
        });
    }

    private void answered(Reply reply) {
        asking = false;
        if (!(reply instanceof Reply.Done done)) {
            // A node that cannot say: the line stays as the node last told it, and nobody asks again.
            LOG.warn("the node answered -waiting with {}", reply);
            shown = "";
            askAgain = false;
            return;
        }
        String first = ReplyText.firstLine(done.text());
        String now = first.startsWith(NOTHING_HELD) ? "" : first;
        view.replaceStatus(shown, now);
        shown = now;
        if (askAgain) {
            askAgain = false;
            somethingCame();
        }
    }
}

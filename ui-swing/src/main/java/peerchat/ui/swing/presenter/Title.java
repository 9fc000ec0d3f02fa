package peerchat.ui.swing.presenter;

import peerchat.engine.api.Node;

/**
 * The window's title, {@code (3) ann@host:port}: unread messages everywhere, before the node's name,
 * as mail and chat programs do. While the window is elsewhere, messages in the open conversation
 * are unread too, so that the title can say something came (the taskbar shows the title); looking
 * at the window again reads them. The view is told only when the title changes.
 */
final class Title {
    private final Node node;
    private final ChatView view;
    private final Unread unread;
    private boolean windowActive = true;
    /** Messages of the open conversation that came while the window was elsewhere. */
    private int unseenHere;
    private String shown;

    Title(Node node, ChatView view, Unread unread) {
        this.node = node;
        this.view = view;
        this.unread = unread;
    }

    /** Whether the window is in front. */
    boolean windowActive() {
        return windowActive;
    }

    /** The window gained or lost the focus; back in front, what came in the open conversation is read. */
    void windowActive(boolean active) {
        windowActive = active;
        if (active) {
            unseenHere = 0;
        }
    }

    /** A message came in the open conversation: unread if the window is elsewhere and someone else wrote it. */
    void cameHere(boolean own) {
        if (!windowActive && !own) {
            unseenHere++;
            publish();
        }
    }

    void publish() {
        int total = unread.total() + unseenHere;
        String count = total + (unread.anyAtLeast() ? "+" : "");
        String title = (total > 0 ? "(" + count + ") " : "") + node.self().name() + "@" + node.self().listen();
        if (!title.equals(shown)) {
            shown = title;
            view.showTitle(title);
        }
    }
}

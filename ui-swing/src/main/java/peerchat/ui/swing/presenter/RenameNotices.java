package peerchat.ui.swing.presenter;

import java.time.Clock;
import java.util.Set;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.UserView;
import peerchat.store.event.GroupName;
import peerchat.store.event.NodeId;

/**
 * A rename ({@code -nick}) as the transcript says it, the same told live and read back from the
 * history: {@code bob is now known as bobby} (the names of that moment), {@code you are now known
 * as ann2}; and in which conversation it is said. Pure.
 */
final class RenameNotices {
    private RenameNotices() {
    }

    /** The notice's text: by the name the user had, then the one they took. */
    static String text(ChatEvent.Renamed r) {
        UserView u = r.user();
        return u.self() ? "you are now known as " + u.name() : r.was() + " is now known as " + u.label();
    }

    /**
     * Whether {@code r} is said in {@code c}: this user's own, wherever they read; someone else's
     * where their messages are (a group they are in, {@code #all}, their direct conversation), not
     * in someone else's conversation, and never of someone ignored ({@code ignored}: as the window
     * last saw them).
     */
    static boolean saidIn(Conversation c, ChatEvent.Renamed r, Set<NodeId> ignored) {
        UserView u = r.user();
        return u.self() || !u.ignored() && !ignored.contains(u.id()) && concerns(c, u);
    }

    /** The notice's line: in its place among the messages ({@code cursor}), at the time the name was taken. */
    static Line line(ChatEvent.Renamed r, Clock clock) {
        return Line.rename(r.id(), r.cursor(), ReplyText.when(r.ts(), clock), text(r));
    }

    private static boolean concerns(Conversation c, UserView u) {
        if (c instanceof Conversation.Direct d) {
            return d.peer().equals(u.id());
        }
        GroupName g = ((Conversation.Group) c).name();
        return g.isAll() || u.groups().contains(g.value());
    }
}

package peerchat.ui.swing.presenter;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.MessageView;

/**
 * How far the user has read, kept from one run of the window to the next.
 *
 * @param seen per conversation ({@link Conversation#key()}), the cursor ({@link MessageView#cursor()})
 *             of the newest message the user has seen there
 * @param end  the newest cursor the window knew of when these were taken: a conversation with no
 *             mark of its own had nothing unread up to there, so what came after {@code end} is
 *             unread in it. Empty when nothing was ever kept (the window's first run on this data
 *             directory): then nothing already in the log is taken as unread
 */
public record ReadMarks(Map<String, Long> seen, OptionalLong end) {
    public static final ReadMarks NONE = new ReadMarks(Map.of(), OptionalLong.empty());

    public ReadMarks {
        seen = Map.copyOf(seen);
        Objects.requireNonNull(end, "end");
    }
}

package peerchat.engine.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of history as it happened: its messages, oldest first, each under the name its sender
 * wrote it under ({@link MessageView#from()}), and the renames among them, each with the names of
 * its moment ({@code bob is now known as bobby}, then {@code bobby is now known as robert}), as
 * the live stream told them. A page of one conversation has the renames of the people in it then
 * (a group's members, the two users of a direct conversation, everyone for {@code all}), from its
 * first message to where the next page begins; a page of every conversation ({@code -since}, the
 * terminal's catch-up) has every rename after its cursor.
 */
public record HistoryPage(List<MessageView> messages, List<ChatEvent.Renamed> renames) {
    public HistoryPage {
        messages = List.copyOf(messages);
        renames = List.copyOf(renames);
    }

    /** Messages and renames as they came: a rename before the first message whose cursor is not below its own. */
    public List<ChatEvent> inOrder() {
        List<ChatEvent> all = new ArrayList<>(messages.size() + renames.size());
        int r = 0;
        for (MessageView m : messages) {
            for (; r < renames.size() && renames.get(r).cursor() <= m.cursor(); r++) {
                all.add(renames.get(r));
            }
            all.add(new ChatEvent.Message(m));
        }
        all.addAll(renames.subList(r, renames.size()));
        return all;
    }
}

package peerchat.ui.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.HistoryPage;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import peerchat.engine.api.PastThenLive;
import reactor.core.publisher.Flux;

/**
 * What came since the terminal last showed a message (its {@link SeenMarker}), every conversation:
 * a user back in the morning sees what others wrote while they were away, as an IRC bouncer
 * plays its buffer back, instead of only the last lines of the conversation they were in. It reads
 * as it happened ({@link HistoryPage}): each line under the name it was written under, and who
 * took another name meanwhile said in its place, as the live notice says it.
 */
final class Missed {
    /** Read at most this many to count them; more is said as "10000+". */
    static final int COUNTED = 10_000;
    /** Shown at most, the newest ones; the rest are a -history away. */
    static final int SHOWN = 200;

    /**
     * @param count          messages of others since then (at least this many when {@code atLeast})
     * @param byConversation those per conversation as written ({@code #dev}, {@code @bob}), most first
     * @param shown          how many of the messages since then the events replay (the newest)
     * @param events         those messages with the renames among them, then the live events, none
     *                       twice and none lost between
     */
    record Since(int count, boolean atLeast, Map<String, Integer> byConversation, int shown, Flux<ChatEvent> events) {
    }

    private Missed() {
    }

    /** Empty when no one else wrote since {@code seen}: the caller shows the recent messages as before. */
    static Optional<Since> since(Node node, long seen, Duration timeout) {
        PastThenLive live = PastThenLive.listen(node.events());
        HistoryPage page = node.historyPageAfter(seen, COUNTED).block(timeout);
        List<MessageView> after = page == null ? List.of() : page.messages();
        List<MessageView> others = after.stream().filter(m -> !m.own()).collect(Collectors.toList());
        if (others.isEmpty()) {
            live.cancel();
            return Optional.empty();
        }
        int skipped = Math.max(0, after.size() - SHOWN);
        List<MessageView> replay = after.subList(skipped, after.size());
        // The renames of the stretch replayed: after the last message left out, if any.
        long from = skipped == 0 ? seen : after.get(skipped - 1).cursor();
        List<ChatEvent.Renamed> renames = page.renames().stream().filter(r -> r.cursor() > from).collect(Collectors.toList());
        return Optional.of(new Since(others.size(), after.size() == COUNTED, byConversation(others), replay.size(),
                live.then(new HistoryPage(replay, renames))));
    }

    private static Map<String, Integer> byConversation(List<MessageView> messages) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (MessageView m : messages) {
            counts.merge(written(m), 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** The conversation as its user writes it: the group, or the other user of a direct one. */
    private static String written(MessageView m) {
        if (m.conversation() instanceof Conversation.Direct) {
            return m.own() ? m.to() : "@" + m.from();
        }
        return m.to();
    }
}

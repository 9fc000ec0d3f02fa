package peerchat.engine.node;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.HistoryPage;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.UserView;
import peerchat.store.event.NodeId;
import peerchat.store.projection.History;
import peerchat.store.projection.RenameEntry;

/**
 * The history as it happened, for frontends: each line from the label of the name its sender wrote
 * it under, not the one they go by now (as IRC logs keep the nick of the time), and the renames in
 * their place, each as its live notice read ({@code bob is now known as bobby}, then
 * {@code bobby is now known as robert}). Labels follow {@link PastLabels}. Pure over a directory
 * and the history's answers.
 */
final class HistoryViews {
    private HistoryViews() {
    }

    /**
     * {@code page} for frontends: its messages, and the renames among them that the live stream
     * told: of users known here (not forgotten), that {@code shown} keeps (not ignored: their
     * lines are not in the history either), that change the name as it is shown.
     */
    static HistoryPage page(Directory d, NodeId self, History history, Predicate<NodeId> shown, History.Page page) {
        List<RenameEntry> renames = page.renames().stream().filter(r -> told(d, shown, r)).collect(Collectors.toList());
        List<PastLabels.Named> names = new ArrayList<>();
        page.messages().forEach(e -> names.add(new PastLabels.Named(e.from(), e.fromName())));
        renames.forEach(r -> {
            names.add(new PastLabels.Named(r.user(), r.was()));
            names.add(new PastLabels.Named(r.user(), r.name()));
        });
        PastLabels labels = PastLabels.of(d, names);
        List<MessageView> messages = page.messages().stream()
                .map(e -> Views.message(d, labels.label(e.from(), e.fromName()), self, e, history.selfNameAt(e.position())))
                .collect(Collectors.toList());
        return new HistoryPage(messages, renames.stream().map(r -> renamed(d, labels, r)).collect(Collectors.toList()));
    }

    /** The label a live line at {@code position} is from: its sender's name then, which a handshake may have overtaken. */
    static String labelAt(Directory d, History history, NodeId from, long position) {
        String nameThen = history.nameAt(from, position);
        // No rename since, the common case, and this runs on every live delivery: the label of now,
        // as PastLabels would say, without its sets and maps (600 B a delivery in the flood bench).
        if (PastLabels.asNow(d, from, nameThen)) {
            return d.label(from);
        }
        return PastLabels.of(d, List.of(new PastLabels.Named(from, nameThen))).label(from, nameThen);
    }

    private static boolean told(Directory d, Predicate<NodeId> shown, RenameEntry r) {
        return d.user(r.user()).isPresent() && shown.test(r.user()) && !ShownName.of(r.was()).equals(ShownName.of(r.name()));
    }

    /** The notice as it was told: the user under the name taken then, and the one before it. */
    private static ChatEvent.Renamed renamed(Directory d, PastLabels labels, RenameEntry r) {
        UserView now = d.view(d.user(r.user()).orElseThrow());
        UserView then = new UserView(now.id(), r.name(), labels.label(r.user(), r.name()), now.address(), now.online(), now.self(),
                now.groups(), now.ignored());
        return new ChatEvent.Renamed(then, labels.label(r.user(), r.was()), r.id().text(), r.sentAt(), r.position());
    }
}

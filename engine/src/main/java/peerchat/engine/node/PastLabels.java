package peerchat.engine.node;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import peerchat.store.event.NodeId;

/**
 * How users are written in a stretch of history, under the names they had then (the name a line
 * was written under, the names a rename changed from and to), by the rules the {@link Directory}
 * tells users apart with: the name as {@link ShownName} shows it (one word, nothing invisible, no
 * leading {@code @ # - / <}), alone when nobody else goes by it, else with the address
 * ({@code bob@10.0.0.4}) or the short id ({@code bob#1a2b3c4d}). Nobody else means neither now nor
 * anywhere in the stretch: two people who went by {@code bob}, one before a rename and one still,
 * never read as one in it. Someone forgotten ({@code -forget}) is told apart by id from the others
 * of their name, never the other way round, as the directory does. Pure and immutable once made.
 */
final class PastLabels {
    /** A user and a name they went by. */
    record Named(NodeId id, String name) {
    }

    private final Directory directory;
    /**
     * By key of a name ({@link ShownName#key}): who goes by it, now or in the stretch; not those
     * forgotten. Null when every name of the stretch is its user's name now (nobody renamed since,
     * the common case): then the directory's labels are the answer, and nothing is worked out.
     */
    private final Map<String, Set<NodeId>> holders;
    /** The labels of the names of the stretch, each worked out once (a catch-up has thousands of lines by a few names). */
    private final Map<Named, String> labels = new HashMap<>();

    private PastLabels(Directory directory, Collection<Named> namesThen) {
        this.directory = directory;
        Set<Named> distinct = new HashSet<>(namesThen);
        boolean asNow = distinct.stream().allMatch(n -> asNow(directory, n.id(), n.name()));
        if (asNow) {
            this.holders = null;
            return;
        }
        this.holders = new HashMap<>();
        directory.listed().forEach(u -> hold(u.id(), u.name()));
        distinct.forEach(n -> {
            if (!n.name().isEmpty() && !directory.forgotten(n.id())) {
                hold(n.id(), n.name());
            }
        });
        distinct.forEach(n -> labels.put(n, apart(n.id(), n.name())));
    }

    /**
     * Whether {@code nameThen} is {@code id}'s name now (or unknown): then its label is the
     * directory's, and nothing needs working out.
     */
    static boolean asNow(Directory directory, NodeId id, String nameThen) {
        return nameThen.isEmpty() || directory.user(id).map(u -> u.name().equals(nameThen)).orElse(false);
    }

    /** The labels of {@code namesThen}, told apart from each other and from everyone's names now. */
    static PastLabels of(Directory directory, Collection<Named> namesThen) {
        return new PastLabels(directory, namesThen);
    }

    private void hold(NodeId id, String name) {
        holders.computeIfAbsent(ShownName.keyOf(name), k -> new HashSet<>()).add(id);
    }

    /** {@code id} written under {@code nameThen}; as the directory writes them now when no name is known (empty). */
    String label(NodeId id, String nameThen) {
        if (holders == null || nameThen.isEmpty()) {
            return directory.label(id);
        }
        String label = labels.get(new Named(id, nameThen));
        return label != null ? label : apart(id, nameThen);
    }

    private String apart(NodeId id, String nameThen) {
        if (nameThen.isEmpty()) {
            return directory.label(id);
        }
        String shown = ShownName.of(nameThen);
        Set<NodeId> same = new HashSet<>(holders.getOrDefault(ShownName.key(shown), Set.of()));
        same.add(id);
        if (directory.forgotten(id)) {
            return same.size() > 1 ? shown + "#" + id.shortForm() : shown;
        }
        if (same.size() == 1 && !ShownName.NOTHING_VISIBLE.equals(shown)) {
            return shown;
        }
        String host = hostOf(id);
        long sameHost = same.stream().filter(other -> hostOf(other).equals(host)).count();
        return !host.isEmpty() && sameHost == 1 && same.size() > 1 ? shown + "@" + host : shown + "#" + id.shortForm();
    }

    private String hostOf(NodeId id) {
        return Directory.host(directory.user(id).map(Directory.User::address).orElse(null));
    }
}

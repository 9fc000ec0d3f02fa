package peerchat.store.projection;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import peerchat.store.event.Event;
import peerchat.store.event.NodeId;

/**
 * The users whose messages this node's user hides ({@code -ignore}), as the log last said.
 * Updated by the writer thread, read from any thread.
 */
public final class Ignored {
    private final Set<NodeId> ids = ConcurrentHashMap.newKeySet();

    void changed(Event.UserIgnored e) {
        if (e.ignored()) {
            ids.add(e.id());
        } else {
            ids.remove(e.id());
        }
    }

    public boolean contains(NodeId id) {
        return ids.contains(id);
    }

    public Set<NodeId> all() {
        return Set.copyOf(ids);
    }
}

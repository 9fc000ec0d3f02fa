package peerchat.engine.api;

import java.util.Objects;
import peerchat.store.event.GroupName;
import peerchat.store.event.NodeId;

/** A place messages go: a group, or the direct conversation with one other user. */
public sealed interface Conversation {
    /** A stable key: {@code #group} or {@code @<node id>}. */
    String key();

    static Conversation all() {
        return new Group(GroupName.ALL);
    }

    record Group(GroupName name) implements Conversation {
        public Group {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String key() {
            return "#" + name.value();
        }
    }

    record Direct(NodeId peer) implements Conversation {
        public Direct {
            Objects.requireNonNull(peer, "peer");
        }

        @Override
        public String key() {
            return "@" + peer.value();
        }
    }
}

package peerchat.store.event;

import java.util.Objects;

/** Where a chat message is addressed: a group, or one user (a direct message). */
public sealed interface Target {
    record Group(GroupName name) implements Target {
        public Group {
            Objects.requireNonNull(name, "name");
        }
    }

    record User(NodeId id) implements Target {
        public User {
            Objects.requireNonNull(id, "id");
        }
    }
}

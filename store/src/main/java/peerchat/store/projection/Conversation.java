package peerchat.store.projection;

import java.util.Objects;
import peerchat.store.event.GroupName;
import peerchat.store.event.NodeId;
import peerchat.store.event.Target;

/** Where messages are read together: a group, or the direct conversation with one other user. */
public sealed interface Conversation {
    record Group(GroupName name) implements Conversation {
        public Group {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return "#" + name;
        }
    }

    record Direct(NodeId with) implements Conversation {
        public Direct {
            Objects.requireNonNull(with, "with");
        }

        @Override
        public String toString() {
            return "@" + with;
        }
    }

    static Conversation group(GroupName name) {
        return new Group(name);
    }

    static Conversation direct(NodeId with) {
        return new Direct(with);
    }

    /**
     * The conversation a chat message belongs to, seen from this node: a group message is in its
     * group; a direct message is in the conversation with the other party ({@code to} when this
     * node sent it, the sender when this node received it).
     */
    static Conversation of(NodeId sender, Target to, boolean sentByThisNode) {
        if (to instanceof Target.Group) {
            return new Group(((Target.Group) to).name());
        }
        return new Direct(sentByThisNode ? ((Target.User) to).id() : sender);
    }
}

package peerchat.store.event;

import java.util.Objects;

/**
 * What a causally ordered message carries: chat text, or a change of group membership (which is
 * itself a causally ordered message to everyone, DESIGN.md › Causal ordering).
 */
public sealed interface Payload {
    /** Upper bound on chat text, in characters; longer text is refused at the command. */
    int MAX_TEXT_LENGTH = 4000;

    record Chat(Target to, String text) implements Payload {
        public Chat {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(text, "text");
        }
    }

    /** The sender itself created, joined or left a group: a user only ever changes its own membership. */
    record Membership(GroupName group, Change change) implements Payload {
        public Membership {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(change, "change");
        }
    }

    enum Change { CREATE, JOIN, LEAVE }
}

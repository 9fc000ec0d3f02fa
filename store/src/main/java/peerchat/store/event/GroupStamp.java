package peerchat.store.event;

import java.util.Objects;

/**
 * Where one user stood in one group as of one of its own messages: in it ({@code member}) or out
 * of it since its CREATE/JOIN or LEAVE numbered {@code seq} (the message id's, its sender's
 * clock). A user only joins or leaves itself and its messages are numbered in the order it sent
 * them, so of two stamps for one user and group the higher is the newer, whoever passed it on.
 */
public record GroupStamp(GroupName group, long seq, boolean member) {
    public GroupStamp {
        Objects.requireNonNull(group, "group");
        if (seq < 1) {
            throw new IllegalArgumentException("a group stamp's seq starts at 1: " + seq);
        }
        if (group.isAll()) {
            throw new IllegalArgumentException("everyone is in all: no stamp for it");
        }
    }
}

package peerchat.store.projection;

import java.util.List;
import java.util.Objects;
import peerchat.store.event.GroupName;

/** A group and its members, sorted by name then id. */
public record GroupInfo(GroupName name, List<UserInfo> members) {
    public GroupInfo {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
    }
}

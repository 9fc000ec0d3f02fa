package peerchat.store.projection;

import java.util.List;
import java.util.Objects;
import peerchat.store.event.GroupName;
import peerchat.store.event.NodeId;

/**
 * A known user as this node sees it. {@code address} and {@code publicKey} are null until the peer
 * is seen; {@code groups} are sorted and always include {@code all}.
 */
public record UserInfo(NodeId id, String name, String address, String publicKey, boolean online, boolean self,
                       List<GroupName> groups) {
    public UserInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        groups = List.copyOf(groups);
    }
}

package peerchat.engine.api;

import java.util.List;
import peerchat.store.event.NodeId;

/**
 * A user as frontends show it. {@code label} is the name to display: the plain name, or
 * {@code name@address} (or {@code name#shortid}) when another known user has the same name.
 * {@code groups} are group names, sorted, always including {@code all}. {@code ignored}: this
 * node's user hides their messages ({@code -ignore}).
 */
public record UserView(NodeId id, String name, String label, String address, boolean online,
                       boolean self, List<String> groups, boolean ignored) {
    public UserView {
        groups = List.copyOf(groups);
    }

    /** A user whose messages are shown. */
    public UserView(NodeId id, String name, String label, String address, boolean online, boolean self, List<String> groups) {
        this(id, name, label, address, online, self, groups, false);
    }
}

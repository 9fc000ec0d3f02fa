package peerchat.store.projection;

import java.util.List;
import java.util.Objects;
import peerchat.store.event.GroupStamp;
import peerchat.store.event.NodeId;

/**
 * One user as a node tells its peers of them ({@link Membership#roster}) and hears of them
 * ({@link Membership#news}): their name ({@code null} when not known yet), when anyone last had a
 * link to them as far as the teller knows ({@code seen}, epoch ms; 0 when nobody it heard from
 * did), and their newest stamp in every group they were ever in.
 */
public record KnownUser(NodeId id, String name, long seen, List<GroupStamp> groups) {
    public KnownUser {
        Objects.requireNonNull(id, "id");
        groups = List.copyOf(groups);
    }
}

package peerchat.engine.net;

import java.util.List;
import peerchat.store.projection.KnownUser;

/** Who a node knows in which groups, as its handshakes tell its peers ({@link TcpPeerLinks#roster}). */
@FunctionalInterface
public interface Roster {
    /** At most {@code maxUsers} users, {@code maxStampsEach} stamps each; {@code now}: the wall clock, for those online. */
    List<KnownUser> known(int maxUsers, int maxStampsEach, long now);
}

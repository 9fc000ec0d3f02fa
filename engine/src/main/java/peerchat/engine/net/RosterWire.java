package peerchat.engine.net;

import java.util.ArrayList;
import java.util.List;
import peerchat.store.event.GroupName;
import peerchat.store.event.GroupStamp;
import peerchat.store.event.NodeId;
import peerchat.store.projection.KnownUser;

/**
 * The roster a HELLO carries, and a GOSSIP now and then: every user a node knows and their
 * newest stamp in each group ({@code Membership.roster}), so that a peer learns of the members
 * it has not met, written for the wire and checked on the way in like the rest of a handshake.
 */
final class RosterWire {
    /**
     * Users a node tells of at most (the first by id): with as many peers in the same HELLO and
     * the longest names, inside a frame ({@code RosterWireTest}). A network larger than this
     * learns the rest by meeting, as before rosters.
     */
    static final int MAX_USERS = 512;
    /** Stamps in all a node sends at most, and each user's at most. */
    static final int MAX_STAMPS = 2048;
    static final int MAX_STAMPS_EACH = 256;
    /** What a peer may send before it counts as abuse: a newer node may tell of more. */
    static final int MAX_USERS_TAKEN = 2 * MAX_USERS;
    static final int MAX_STAMPS_TAKEN = 2 * MAX_STAMPS;

    private RosterWire() {
    }

    static List<Frame.Known> write(List<KnownUser> roster) {
        List<Frame.Known> out = new ArrayList<>(Math.min(roster.size(), MAX_USERS));
        int stampsLeft = MAX_STAMPS;
        for (KnownUser u : roster) {
            if (out.size() == MAX_USERS) {
                break;
            }
            List<Frame.Stamp> stamps = new ArrayList<>();
            for (GroupStamp g : u.groups()) {
                if (stamps.size() == MAX_STAMPS_EACH || stampsLeft == 0) {
                    break;
                }
                stamps.add(new Frame.Stamp(g.group().value(), g.seq(), g.member()));
                stampsLeft--;
            }
            out.add(new Frame.Known(u.id().value(), u.name(), u.seen(), stamps));
        }
        return out;
    }

    /**
     * A peer's roster, checked: ids, names and group names as a handshake's, seqs from 1, times from 0, no
     * stamp for {@code all}, and not more than {@link #MAX_USERS_TAKEN} users and
     * {@link #MAX_STAMPS_TAKEN} stamps. Null (a frame without one) is none.
     *
     * @throws ProtocolException for anything else, which closes the connection
     */
    static List<KnownUser> read(List<Frame.Known> roster) {
        if (roster == null) {
            return List.of();
        }
        if (roster.size() > MAX_USERS_TAKEN) {
            throw new ProtocolException("flooding: a roster of " + roster.size() + " users");
        }
        List<KnownUser> users = new ArrayList<>(roster.size());
        int stamps = 0;
        for (Frame.Known k : roster) {
            if (k == null || k.groups() == null) {
                throw new ProtocolException("null entry in a roster");
            }
            if (k.seen() < 0) {
                throw new ProtocolException("a roster's user seen at " + k.seen());
            }
            NodeId id = Handshake.nodeId(k.id());
            String name = k.name() == null ? null : Handshake.name(k.name());
            stamps += k.groups().size();
            if (stamps > MAX_STAMPS_TAKEN) {
                throw new ProtocolException("flooding: a roster of more than " + MAX_STAMPS_TAKEN + " group stamps");
            }
            List<GroupStamp> groups = new ArrayList<>(k.groups().size());
            for (Frame.Stamp s : k.groups()) {
                if (s == null || !GroupName.isValid(s.group()) || new GroupName(s.group()).isAll() || s.seq() < 1) {
                    throw new ProtocolException("malformed group stamp in a roster: " + s);
                }
                groups.add(new GroupStamp(new GroupName(s.group()), s.seq(), s.in()));
            }
            users.add(new KnownUser(id, name, k.seen(), groups));
        }
        return users;
    }
}

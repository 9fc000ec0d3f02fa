package peerchat.engine.net;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers a HELLO or GOSSIP names, cut to a byte budget so that the frame fits whatever the
 * names: 4,096 peers with 256-character names would be 3 MB, three times a frame. The budget is
 * what {@link RosterWire#MAX_USERS} peers with the longest names take, so a HELLO with the
 * fullest roster still fits ({@code GossipPeersTest}); with names of everyday length it holds
 * about as many peers as a frame may list ({@link WireConstants#MAX_GOSSIP_PEERS}).
 */
final class GossipPeers {
    /** Bytes of one peer in Smile beside its id, name and host: 13 to 14 measured (field names, lengths, port), rounded up. */
    private static final int ENTRY_OVERHEAD = 16;
    private static final int LONGEST_HOST = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff".length();
    private static final int LONGEST_ID = 64;
    /** What {@link RosterWire#MAX_USERS} peers with the longest ids, names (3 bytes a character) and hosts take. */
    static final int MAX_BYTES = RosterWire.MAX_USERS * (LONGEST_ID + 3 * WireConstants.MAX_NAME_CHARS + LONGEST_HOST + ENTRY_OVERHEAD);

    private GossipPeers() {
    }

    /** The first of {@code candidates} (best first) that fit the budget and the count a frame may list. */
    static List<Frame.PeerInfo> fit(List<Frame.PeerInfo> candidates) {
        List<Frame.PeerInfo> out = new ArrayList<>(Math.min(candidates.size(), WireConstants.MAX_GOSSIP_PEERS));
        int left = MAX_BYTES;
        for (Frame.PeerInfo p : candidates) {
            int size = bytes(p);
            if (out.size() == WireConstants.MAX_GOSSIP_PEERS || size > left) {
                break;
            }
            out.add(p);
            left -= size;
        }
        return out;
    }

    private static int bytes(Frame.PeerInfo p) {
        int name = p.name() == null ? 0 : p.name().getBytes(StandardCharsets.UTF_8).length;
        return p.id().length() + name + p.host().length() + ENTRY_OVERHEAD;
    }
}

package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import peerchat.store.event.GroupName;
import peerchat.store.event.GroupStamp;
import peerchat.store.event.NodeId;
import peerchat.store.projection.KnownUser;

class GossipPeersTest {
    /** Three bytes a character in UTF-8: the longest name a handshake takes, in bytes. */
    private static final String LONGEST_NAME = "\u4e2d".repeat(WireConstants.MAX_NAME_CHARS);
    private static final String LONGEST_HOST = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";

    private static List<Frame.PeerInfo> peers(int n, String name, String host) {
        return IntStream.range(0, n).mapToObj(i -> new Frame.PeerInfo(String.format("%064x", i), name, host, 65535)).collect(Collectors.toList());
    }

    private static int frameBytes(Frame f) {
        ByteBuf buf = FrameCodec.encode(ByteBufAllocator.DEFAULT, f);
        try {
            return buf.readableBytes();
        } finally {
            buf.release();
        }
    }

    /** The fullest HELLO: as many peers as may be listed, the longest names and hosts, and the fullest roster. */
    @Test
    void theFullestHandshakeFitsAFrame() {
        List<Frame.PeerInfo> sent = GossipPeers.fit(peers(WireConstants.MAX_GOSSIP_PEERS, LONGEST_NAME, LONGEST_HOST));
        List<KnownUser> roster = IntStream.range(0, RosterWire.MAX_USERS).mapToObj(i -> new KnownUser(new NodeId(String.format("%064x", i)), LONGEST_NAME, Long.MAX_VALUE,
                IntStream.range(0, 8).mapToObj(g -> new GroupStamp(new GroupName(("g" + g + "-" + i + "-").repeat(8).substring(0, GroupName.MAX_LENGTH)),
                        Long.MAX_VALUE - g, true)).collect(Collectors.toList()))).collect(Collectors.toList());
        Frame.Hello hello = new Frame.Hello(String.format("%064x", 99999), new byte[44], LONGEST_NAME, LONGEST_HOST, 65535,
                new byte[WireConstants.NONCE_BYTES], sent, RosterWire.write(roster));

        assertThat(sent).hasSizeGreaterThanOrEqualTo(RosterWire.MAX_USERS);
        assertThat(frameBytes(hello)).isLessThan(WireConstants.MAX_FRAME_BYTES);
    }

    @Test
    void peersWithEverydayNamesAreAllListedUpToWhatAFrameMayList() {
        List<Frame.PeerInfo> all = peers(WireConstants.MAX_GOSSIP_PEERS + 10, "someone-1234", "127.100.100.200");

        List<Frame.PeerInfo> sent = GossipPeers.fit(all);

        assertThat(sent).isEqualTo(all.subList(0, WireConstants.MAX_GOSSIP_PEERS));
        assertThat(frameBytes(new Frame.Gossip(sent, List.of()))).isLessThan(WireConstants.MAX_FRAME_BYTES);
    }

    @Test
    void theFirstPeersAreKeptWhenNotAllFit() {
        List<Frame.PeerInfo> all = peers(2000, LONGEST_NAME, LONGEST_HOST);

        List<Frame.PeerInfo> sent = GossipPeers.fit(all);

        assertThat(sent).isEqualTo(all.subList(0, sent.size()));
        assertThat(sent.size()).isBetween(RosterWire.MAX_USERS, 1999);
    }
}

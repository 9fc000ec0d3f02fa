package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    @org.junit.jupiter.api.BeforeAll
    static void quiet() {
        Quiet.logs();
    }


    private static Frame roundTrip(Frame f) {
        ByteBuf buf = FrameCodec.encode(ByteBufAllocator.DEFAULT, f);
        try {
            assertThat(buf.readInt()).isEqualTo(buf.readableBytes());
            return FrameCodec.decode(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void dataFramesCarryAnySeqAndBodyUnchanged() {
        qt().forAll(longs().between(1, Long.MAX_VALUE), integers().between(0, 2000)).checkAssert((seq, size) -> {
            byte[] body = new byte[size];
            for (int i = 0; i < size; i++) {
                body[i] = (byte) (seq * 31 + i);
            }
            Frame.Data back = (Frame.Data) roundTrip(new Frame.Data(seq, body));
            assertThat(back.seq()).isEqualTo(seq);
            assertThat(back.body()).isEqualTo(body);
        });
    }

    @Test
    void controlFramesRoundTrip() {
        assertThat(roundTrip(new Frame.Ack(42))).isEqualTo(new Frame.Ack(42));
        assertThat(roundTrip(Frame.Heartbeat.INSTANCE)).isEqualTo(Frame.Heartbeat.INSTANCE);
        assertThat(roundTrip(new Frame.Bye(""))).isEqualTo(new Frame.Bye(""));
        assertThat(roundTrip(new Frame.Bye("see you \uD83D\uDE00"))).isEqualTo(new Frame.Bye("see you \uD83D\uDE00"));
        List<Frame.PeerInfo> peers = List.of(new Frame.PeerInfo("0123456789abcdef0123456789abcdef", "bob", "127.0.0.2", 7117));
        assertThat(roundTrip(new Frame.Gossip(peers, null))).isEqualTo(new Frame.Gossip(peers, null));
        List<Frame.Known> roster = List.of(new Frame.Known("0123456789abcdef0123456789abcdef", "bob", 1_796_000_000_000L,
                List.of(new Frame.Stamp("dev", 7, true), new Frame.Stamp("ops", 9, false))), new Frame.Known("fedc", null, 0, List.of()));
        assertThat(roundTrip(new Frame.Gossip(peers, roster))).isEqualTo(new Frame.Gossip(peers, roster));
        Frame.Hello hello = (Frame.Hello) roundTrip(new Frame.Hello("0123456789abcdef0123456789abcdef", new byte[] {1, 2},
                "alice", "127.0.0.1", 7117, new byte[32], peers, roster));
        assertThat(hello.roster()).isEqualTo(roster);
        assertThat(hello.name()).isEqualTo("alice");
        assertThat(hello.publicKey()).containsExactly(1, 2);
        assertThat(hello.peers()).isEqualTo(peers);
        Frame.Proof proof = (Frame.Proof) roundTrip(new Frame.Proof(new byte[] {9}, 7));
        assertThat(proof.receivedUpTo()).isEqualTo(7);
    }

    @Test
    void malformedFramesAreProtocolErrorsWithAReason() {
        assertThatThrownBy(() -> FrameCodec.decode(Unpooled.wrappedBuffer(new byte[] {WireConstants.ACK, 1})))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("ACK frame too short");
        assertThatThrownBy(() -> FrameCodec.decode(Unpooled.wrappedBuffer(new byte[] {WireConstants.HEARTBEAT, 1})))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> FrameCodec.decode(Unpooled.wrappedBuffer(new byte[] {WireConstants.BYE, 'o', (byte) 0xff})))
                .isInstanceOf(ProtocolException.class).hasMessage("BYE whose parting words are not UTF-8");
        byte[] tooMany = new byte[1 + 641];
        tooMany[0] = WireConstants.BYE;
        java.util.Arrays.fill(tooMany, 1, tooMany.length, (byte) 'x');
        assertThatThrownBy(() -> FrameCodec.decode(Unpooled.wrappedBuffer(tooMany)))
                .isInstanceOf(ProtocolException.class).hasMessage("BYE with 641 bytes of parting words (at most 640)");
        assertThatThrownBy(() -> FrameCodec.decode(Unpooled.wrappedBuffer(new byte[] {WireConstants.GOSSIP, 0x3a, 0x29})))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("GOSSIP");
        assertThatThrownBy(() -> FrameCodec.decode(Unpooled.wrappedBuffer(new byte[0])))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("empty frame");
    }
}

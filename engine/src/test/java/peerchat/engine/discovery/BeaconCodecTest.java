package peerchat.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arrays;
import static org.quicktheories.generators.SourceDSL.integers;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import peerchat.store.event.NodeId;

class BeaconCodecTest {
    private static final NodeId ID = new NodeId("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

    @Test
    void roundTripsIpv4AndIpv6() throws Exception {
        BeaconMessage v4 = new BeaconMessage(ID, new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 65535));
        BeaconMessage v6 = new BeaconMessage(new NodeId("deadbeef"),
                new InetSocketAddress(InetAddress.getByName("fe80::1"), 7117));
        assertThat(BeaconCodec.decode(BeaconCodec.encode(v4))).isEqualTo(v4);
        assertThat(BeaconCodec.decode(BeaconCodec.encode(v6))).isEqualTo(v6);
    }

    @Test
    void largestBeaconFitsTheLimit() throws Exception {
        BeaconMessage largest = new BeaconMessage(ID, new InetSocketAddress(InetAddress.getByName("::1"), 1));
        assertThat(BeaconCodec.encode(largest)).hasSizeLessThanOrEqualTo(BeaconWire.MAX_DATAGRAM);
    }

    @Test
    void layoutStartsWithMagicAndVersion() throws Exception {
        byte[] bytes = valid();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        assertThat(in.getInt()).isEqualTo(0x50434842);
        assertThat(in.get()).isEqualTo((byte) 1);
    }

    @Test
    void rejectsWrongMagic() throws Exception {
        byte[] bytes = valid();
        bytes[0] = 'X';
        assertRejected(bytes, "wrong magic");
    }

    @Test
    void rejectsUnknownVersion() throws Exception {
        byte[] bytes = valid();
        bytes[4] = 2;
        assertRejected(bytes, "unknown version 2");
    }

    @Test
    void rejectsOversized() throws Exception {
        byte[] bytes = Arrays.copyOf(valid(), BeaconWire.MAX_DATAGRAM + 1);
        assertRejected(bytes, "oversized");
    }

    @Test
    void rejectsTruncatedAtEveryLength() throws Exception {
        byte[] bytes = valid();
        for (int length = 0; length < bytes.length; length++) {
            assertRejected(Arrays.copyOf(bytes, length), "");
        }
    }

    @Test
    void rejectsTrailingBytes() throws Exception {
        byte[] bytes = Arrays.copyOf(valid(), valid().length + 1);
        assertRejected(bytes, "trailing");
    }

    @Test
    void rejectsIdThatIsNotHex() {
        byte[] bytes = build("NOT-AN-ID!".getBytes(StandardCharsets.US_ASCII), new byte[] {127, 0, 0, 1}, 7117);
        assertRejected(bytes, "bad node id");
    }

    @Test
    void rejectsOddAddressLength() {
        byte[] bytes = build("deadbeef".getBytes(StandardCharsets.US_ASCII), new byte[] {127, 0, 1}, 7117);
        assertRejected(bytes, "address of 3 bytes");
    }

    @Test
    void rejectsPortZero() {
        byte[] bytes = build("deadbeef".getBytes(StandardCharsets.US_ASCII), new byte[] {127, 0, 0, 1}, 0);
        assertRejected(bytes, "port 0");
    }

    @Test
    void anyBytesEitherDecodeOrAreRejectedCleanly() {
        qt().withExamples(10_000).forAll(bytes(0, 140)).checkAssert(BeaconCodecTest::decodesOrRejects);
    }

    @Test
    void anyTailAfterMagicAndVersionEitherDecodesOrIsRejectedCleanly() {
        qt().withExamples(10_000).forAll(bytes(0, 135)).checkAssert(tail -> {
            ByteBuffer bytes = ByteBuffer.allocate(5 + tail.length).putInt(BeaconWire.MAGIC).put((byte) 1).put(tail);
            decodesOrRejects(bytes.array());
        });
    }

    @Test
    void mutatingOneByteOfAValidBeaconNeverThrowsAnythingElse() throws Exception {
        byte[] original = valid();
        qt().withExamples(5_000)
                .forAll(integers().between(0, original.length - 1), integers().between(0, 255))
                .checkAssert((position, value) -> {
                    byte[] bytes = original.clone();
                    bytes[position] = (byte) (int) value;
                    decodesOrRejects(bytes);
                });
    }

    private static Gen<byte[]> bytes(int minLength, int maxLength) {
        return arrays().ofIntegers(integers().between(0, 255)).withLengthBetween(minLength, maxLength)
                .map(ints -> {
                    byte[] bytes = new byte[ints.length];
                    for (int i = 0; i < ints.length; i++) {
                        bytes[i] = (byte) (int) ints[i];
                    }
                    return bytes;
                });
    }

    /** Either it is a beacon, which then survives a round trip, or it is refused with a reason. */
    private static void decodesOrRejects(byte[] bytes) {
        try {
            BeaconMessage message = BeaconCodec.decode(bytes);
            assertThat(BeaconCodec.decode(BeaconCodec.encode(message))).isEqualTo(message);
        } catch (MalformedBeaconException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private static byte[] valid() throws Exception {
        return BeaconCodec.encode(new BeaconMessage(ID, new InetSocketAddress(InetAddress.getByName("127.0.0.5"), 7117)));
    }

    private static byte[] build(byte[] id, byte[] address, int port) {
        ByteBuffer out = ByteBuffer.allocate(4 + 1 + 1 + id.length + 1 + address.length + 2);
        out.putInt(BeaconWire.MAGIC).put((byte) 1).put((byte) id.length).put(id)
                .put((byte) address.length).put(address).putShort((short) port);
        return out.array();
    }

    private static void assertRejected(byte[] bytes, String reason) {
        assertThatThrownBy(() -> BeaconCodec.decode(bytes))
                .isInstanceOf(MalformedBeaconException.class)
                .hasMessageContaining(reason);
    }
}

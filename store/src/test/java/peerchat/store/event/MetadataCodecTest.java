package peerchat.store.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetadataCodecTest {
    private static final NodeId LONG_ID = new NodeId("0123456789abcdef0123456789abcdef");
    private static final NodeId ODD_ID = new NodeId("abcdef012");

    private static List<Dependency> randomMeta(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 1 + r.nextInt(70);
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder hex = new StringBuilder();
            int digits = 8 + r.nextInt(57);
            for (int d = 0; d < digits; d++) {
                hex.append(Character.forDigit(r.nextInt(16), 16));
            }
            ids.add(new NodeId(hex.toString()));
        }
        List<Dependency> meta = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int entries = r.nextInt(40);
        for (int e = 0; e < entries; e++) {
            NodeId sender = ids.get(r.nextInt(n));
            long t = r.nextInt(4) == 0 ? Long.MAX_VALUE - r.nextInt(10) : 1 + r.nextInt(1000);
            if (!seen.add(sender + "-" + t)) {
                continue;
            }
            Set<NodeId> dests = new HashSet<>();
            int size = r.nextInt(n + 1);
            for (int i = 0; i < size; i++) {
                dests.add(ids.get(r.nextInt(n)));
            }
            meta.add(new Dependency(sender, t, dests));
        }
        return meta;
    }

    @Test
    void roundTripsAnyMetadata() {
        for (long seed = 0; seed < 500; seed++) {
            List<Dependency> meta = randomMeta(seed);
            assertThat(MetadataCodec.decode(MetadataCodec.encode(meta))).isEqualTo(meta);
        }
    }

    @Test
    void roundTripsOddLengthIdsAndEmptyMetadata() {
        List<Dependency> meta = List.of(new Dependency(ODD_ID, 1, Set.of()), new Dependency(LONG_ID, 300, Set.of(ODD_ID)));
        assertThat(MetadataCodec.decode(MetadataCodec.encode(meta))).isEqualTo(meta);
        assertThat(MetadataCodec.encode(List.of())).hasSize(3);
        assertThat(MetadataCodec.decode(MetadataCodec.encode(List.of()))).isEmpty();
    }

    @Test
    void aDecodedListEncodesAsTheBytesItCameFromAndAnEqualListAsItsOwn() {
        List<Dependency> meta = randomMeta(3);
        byte[] canonical = MetadataCodec.encode(meta);
        // the same metadata with its ids' table in another order: valid, not what encode writes
        List<Dependency> reversed = new ArrayList<>(meta);
        java.util.Collections.reverse(reversed);
        byte[] other = MetadataCodec.encode(reversed);
        List<Dependency> fromOther = MetadataCodec.decode(other);
        assertThat(MetadataCodec.encode(fromOther)).isSameAs(other);
        byte[] copy = MetadataCodec.encode(new ArrayList<>(fromOther)); // an equal list, not that one: encoded anew
        assertThat(copy).isNotSameAs(other);
        assertThat(MetadataCodec.decode(copy)).isEqualTo(fromOther);
        assertThat(MetadataCodec.decode(MetadataCodec.encode(fromOther))).isEqualTo(fromOther);
        assertThat(MetadataCodec.decode(canonical)).isEqualTo(meta);
    }

    @Test
    void aSetOfIdsRoundTripsAndGarbageIsRefused() {
        for (long seed = 0; seed < 50; seed++) {
            Set<NodeId> ids = new HashSet<>();
            randomMeta(seed).forEach(d -> ids.add(d.sender()));
            assertThat(MetadataCodec.decodeIds(MetadataCodec.encodeIds(ids))).isEqualTo(ids);
        }
        assertThat(MetadataCodec.decodeIds(MetadataCodec.encodeIds(Set.of()))).isEmpty();
        byte[] two = MetadataCodec.encodeIds(Set.of(LONG_ID, ODD_ID));
        byte[] twice = MetadataCodec.encodeIds(Set.of(LONG_ID));
        byte[] doubled = new byte[1 + 2 * (twice.length - 1)];
        doubled[0] = 2;
        System.arraycopy(twice, 1, doubled, 1, twice.length - 1);
        System.arraycopy(twice, 1, doubled, twice.length, twice.length - 1);
        for (byte[] bad : new byte[][] {new byte[0], {5}, java.util.Arrays.copyOf(two, two.length - 1),
            java.util.Arrays.copyOf(two, two.length + 1), doubled}) {
            assertThatThrownBy(() -> MetadataCodec.decodeIds(bad)).isInstanceOf(MalformedMetadataException.class);
        }
    }

    @Test
    void idsWhosePackedBytesMatchButNotTheirLengthStayApart() {
        // "abcdef012" is packed as ab cd ef 01 20, as is "abcdef0120": the digit count tells them apart.
        NodeId even = new NodeId("abcdef0120");
        for (int round = 0; round < 2; round++) { // the second round reads what the first one left cached
            assertThat(MetadataCodec.decode(MetadataCodec.encode(List.of(new Dependency(ODD_ID, 1, Set.of())))).get(0).sender())
                    .isEqualTo(ODD_ID);
            assertThat(MetadataCodec.decode(MetadataCodec.encode(List.of(new Dependency(even, 1, Set.of())))).get(0).sender())
                    .isEqualTo(even);
        }
    }

    @Test
    void eachIdIsWrittenOnce() {
        List<Dependency> meta = new ArrayList<>();
        for (int t = 1; t <= 10; t++) {
            meta.add(new Dependency(LONG_ID, t, Set.of(LONG_ID)));
        }
        // version, count, one 17-byte id, entry count, then 10 x (index, t, shape, one index).
        assertThat(MetadataCodec.encode(meta)).hasSize(1 + 1 + 17 + 1 + 10 * 4);
    }

    @Test
    void aBroadcastDestinationSetIsABitmap() {
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            ids.add(new NodeId(String.format("%032x", i + 1)));
        }
        List<Dependency> meta = List.of(new Dependency(ids.get(0), 1, Set.copyOf(ids.subList(1, 64))));
        byte[] bytes = MetadataCodec.encode(meta);
        assertThat(bytes).hasSize(1 + 1 + 64 * 17 + 1 + 1 + 1 + 1 + 8);
        assertThat(MetadataCodec.decode(bytes)).isEqualTo(meta);
    }

    @Test
    void garbageIsAClearErrorNeverACrash() {
        assertThatThrownBy(() -> MetadataCodec.decode(new byte[0])).isInstanceOf(MalformedMetadataException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> MetadataCodec.decode(new byte[] {9})).hasMessageContaining("unknown metadata version 9");
        assertThatThrownBy(() -> MetadataCodec.decode(new byte[] {1, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}))
                .hasMessageContaining("cannot fit");
        assertThatThrownBy(() -> MetadataCodec.decode(new byte[] {1, 0, 1, 0, 1, 0})).hasMessageContaining("outside the table");
        byte[] good = MetadataCodec.encode(List.of(new Dependency(LONG_ID, 5, Set.of(ODD_ID))));
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> MetadataCodec.decode(trailing)).hasMessageContaining("after the last entry");
        assertThatThrownBy(() -> MetadataCodec.decode(java.util.Arrays.copyOf(good, good.length - 1)))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> MetadataCodec.decode(null)).isInstanceOf(MalformedMetadataException.class);
    }

    @Test
    void everyCorruptionOfRealMetadataIsRejectedCleanlyOrDecodes() {
        byte[] good = MetadataCodec.encode(randomMeta(7));
        qt().withFixedSeed(42).withExamples(3000)
                .forAll(lists().of(integers().between(0, good.length * 256 - 1)).ofSizeBetween(1, 6))
                .checkAssert(flips -> {
                    byte[] bad = good.clone();
                    for (int f : flips) {
                        bad[f / 256] = (byte) (f % 256);
                    }
                    try {
                        List<Dependency> decoded = MetadataCodec.decode(bad);
                        assertThat(MetadataCodec.decode(MetadataCodec.encode(decoded))).isEqualTo(decoded);
                    } catch (MalformedMetadataException expected) {
                        assertThat(expected).hasMessageStartingWith("malformed causal metadata: ");
                    }
                });
    }
}

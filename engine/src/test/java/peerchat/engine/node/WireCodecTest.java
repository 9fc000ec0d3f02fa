package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import peerchat.store.event.MetadataCodec;
import peerchat.store.event.Dependency;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.event.Target;

class WireCodecTest {
    static final NodeId A = new NodeId("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    static final NodeId B = new NodeId("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    static final NodeId C = new NodeId("cccccccccccccccccccccccccccccccc");
    final WireCodec codec = new WireCodec();

    private static Event.MessageSent sent(Payload payload) {
        return new Event.MessageSent(new MessageId(A, 7), Set.of(B, C),
                Map.of(B, List.of(new Dependency(A, 6, Set.of(B)), new Dependency(C, 3, Set.of(B, C))), C, List.of()),
                Map.of(B, 4L, C, 2L), payload, 1234, 1300);
    }

    @Test
    void eachDestinationGetsItsOwnMetadata() throws Exception {
        Event.MessageSent s = sent(new Payload.Chat(new Target.Group(new GroupName("dev")), "hello"));
        WireCodec.Decoded atB = codec.decode(codec.encode(s, B));
        assertThat(atB.message().id()).isEqualTo(s.id());
        assertThat(atB.message().dests()).isEqualTo(Set.of(B, C));
        assertThat(atB.message().meta()).containsExactlyInAnyOrderElementsOf(s.meta().get(B));
        assertThat(atB.message().payload()).isEqualTo(s.payload());
        assertThat(atB.sentAt()).isEqualTo(1234);
        assertThat(codec.decode(codec.encode(s, C)).message().meta()).isEmpty();
        assertThatThrownBy(() -> codec.encode(s, new NodeId("dddddddddddddddddddddddddddddddd"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodingAllDestinationsAtOnceGivesEachTheBodyItWouldGetAlone() {
        Event.MessageSent s = sent(new Payload.Chat(new Target.User(B), "hi"));
        Map<NodeId, byte[]> bodies = new HashMap<>();
        codec.encodeEach(s, bodies::put);
        assertThat(bodies).containsOnlyKeys(B, C);
        assertThat(bodies.get(B)).isEqualTo(codec.encode(s, B));
        assertThat(bodies.get(C)).isEqualTo(codec.encode(s, C));
        Event.MessageSent noMetaForC = new Event.MessageSent(s.id(), s.destinations(), Map.of(B, List.of()), s.linkSeq(),
                s.payload(), s.ts(), s.transmitAt());
        Map<NodeId, byte[]> none = new HashMap<>();
        assertThatThrownBy(() -> codec.encodeEach(noMetaForC, none::put)).isInstanceOf(IllegalArgumentException.class);
        assertThat(none).isEmpty();
    }

    @Test
    void membershipDirectAndRenamePayloadsRoundTrip() throws Exception {
        for (Payload p : List.of(new Payload.Membership(new GroupName("ops"), Payload.Change.LEAVE),
                new Payload.Chat(new Target.User(B), "just you"), new Payload.Rename("ällice"))) {
            assertThat(codec.decode(codec.encode(sent(p), B)).message().payload()).isEqualTo(p);
        }
    }

    /** The rename's name is its own field, written for a rename only: a chat body is not a byte longer for it. */
    @Test
    void onlyARenameCarriesANameAndOneWithoutItIsRefused() throws IOException {
        assertThat(goodDocument()).doesNotContainKey("name");
        Map<String, Object> rename = OldCodec.MAPPER.readValue(codec.encode(sent(new Payload.Rename("bobby")), B),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        assertThat(rename).containsEntry("kind", "rename").containsEntry("name", "bobby");
        rename.remove("name");
        byte[] nameless = OldCodec.MAPPER.writeValueAsBytes(rename);
        assertThatThrownBy(() -> codec.decode(nameless)).isInstanceOf(WireCodec.MalformedBody.class).hasMessageContaining("rename without a name");
        rename.put("name", "x".repeat(Payload.Rename.MAX_NAME_CHARS + 1));
        byte[] tooLong = OldCodec.MAPPER.writeValueAsBytes(rename);
        assertThatThrownBy(() -> codec.decode(tooLong)).isInstanceOf(WireCodec.MalformedBody.class).hasMessageContaining("name of 1 to 256");
    }

    /** The sender's name rides on every kind of message when the codec is given one, and must be a name. */
    @Test
    void theSendersNameIsCarriedAndChecked() throws Exception {
        WireCodec named = new WireCodec(() -> "ällice");
        for (Payload p : List.of(new Payload.Chat(new Target.User(B), "hi"), new Payload.Membership(new GroupName("ops"), Payload.Change.JOIN),
                new Payload.Rename("bobby"))) {
            assertThat(codec.decode(named.encode(sent(p), B)).by()).isEqualTo("ällice");
            assertThat(codec.decode(codec.encode(sent(p), B)).by()).isNull();
        }
        Map<String, Object> body = OldCodec.MAPPER.readValue(named.encode(sent(new Payload.Chat(new Target.User(B), "hi")), B),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        body.put("by", "");
        byte[] empty = OldCodec.MAPPER.writeValueAsBytes(body);
        assertThatThrownBy(() -> codec.decode(empty)).isInstanceOf(WireCodec.MalformedBody.class).hasMessageContaining("name of 1 to 256");
        body.put("by", 42);
        byte[] number = OldCodec.MAPPER.writeValueAsBytes(body);
        assertThatThrownBy(() -> codec.decode(number)).isInstanceOf(WireCodec.MalformedBody.class).hasMessageContaining("by");
    }

    /**
     * The wire format is unchanged: the databind codec of earlier versions and this one read each
     * other's bodies, and this one writes the bytes the databind codec writes with back-references
     * off (earlier versions announced them in the header, which is all that differs).
     */
    @Test
    void bodiesAreTheSameAsTheDatabindCodecsBothWays() throws Exception {
        Random random = new Random(11);
        int bodies = 0;
        for (int i = 0; i < 200; i++) {
            Event.MessageSent s = randomMessage(random);
            for (NodeId d : s.meta().keySet()) {
                byte[] before = OldCodec.encode(s, d);
                byte[] now = codec.encode(s, d);
                assertThat(now).isEqualTo(OldCodec.encodeWithoutBackReferences(s, d));

                WireCodec.Decoded decoded = codec.decode(before);
                assertThat(decoded.message().id()).isEqualTo(s.id());
                assertThat(decoded.message().dests()).isEqualTo(s.destinations());
                assertThat(decoded.message().meta()).isEqualTo(s.meta().get(d));
                assertThat(decoded.message().payload()).isEqualTo(s.payload());
                assertThat(decoded.sentAt()).isEqualTo(s.ts());

                OldCodec.Body read = OldCodec.MAPPER.readValue(now, OldCodec.Body.class);
                OldCodec.Body expected = OldCodec.body(s, d);
                assertThat(read.meta()).isEqualTo(expected.meta());
                assertThat(read.withoutMeta()).isEqualTo(expected.withoutMeta());
                bodies++;
            }
        }
        assertThat(bodies).isGreaterThan(1000); // about 7 destinations a message
    }

    /** An earlier version's body that refers back to a string it already holds (text the same as its "to"). */
    @Test
    void aBodyWithABackReferenceReadsTheSame() throws Exception {
        Event.MessageSent s = sent(new Payload.Chat(new Target.Group(new GroupName("dev")), "#dev"));
        byte[] earlier = OldCodec.encode(s, B);
        assertThat(earlier.length).isLessThan(codec.encode(s, B).length); // the second "#dev" is a reference
        WireCodec.Decoded decoded = codec.decode(earlier);
        assertThat(decoded.message().payload()).isEqualTo(s.payload());
        assertThat(decoded.message().meta()).isEqualTo(s.meta().get(B));
    }

    @Test
    void aBodyWithItsMetadataIn7BitFormReadsTheSame() throws Exception {
        Event.MessageSent s = sent(new Payload.Chat(new Target.Group(new GroupName("dev")), "hello"));
        ObjectMapper sevenBit = new ObjectMapper(SmileFactory.builder().enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES).build());
        byte[] earlier = sevenBit.writeValueAsBytes(OldCodec.body(s, B));
        assertThat(earlier).isNotEqualTo(codec.encode(s, B));
        WireCodec.Decoded decoded = codec.decode(earlier);
        assertThat(decoded.message().meta()).isEqualTo(s.meta().get(B));
        assertThat(decoded.message().payload()).isEqualTo(s.payload());
    }

    @Test
    void aBodyInTheEarlierFieldOrderReadsTheSame() throws Exception {
        Event.MessageSent s = sent(new Payload.Chat(new Target.Group(new GroupName("dev")), "hello"));
        Map<String, Object> now = goodDocument();
        Map<String, Object> earlier = new LinkedHashMap<>();
        for (String field : List.of("v", "id", "dests", "meta", "kind", "to", "text", "group", "change", "sentAt")) {
            earlier.put(field, now.get(field));
        }
        assertThat(new ArrayList<>(now.keySet())).endsWith("meta");
        WireCodec.Decoded decoded = codec.decode(OldCodec.MAPPER.writeValueAsBytes(earlier));
        assertThat(decoded.message().meta()).isEqualTo(s.meta().get(B));
        assertThat(decoded.message().payload()).isEqualTo(s.payload());
    }

    @Test
    void garbageIsAClearErrorNeverACrash() {
        Random random = new Random(7);
        byte[] good = codec.encode(sent(new Payload.Chat(new Target.Group(GroupName.ALL), "x")), B);
        for (int i = 0; i < 5000; i++) {
            byte[] bad = good.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            decodesOrIsRefused(bad);
            byte[] noise = new byte[random.nextInt(64)];
            random.nextBytes(noise);
            System.arraycopy(good, 0, noise, 0, Math.min(4, noise.length)); // past the Smile header, into the parser
            decodesOrIsRefused(noise);
        }
        assertThatThrownBy(() -> codec.decode(new byte[] {1, 2, 3})).isInstanceOf(WireCodec.MalformedBody.class);
        assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(WireCodec.MalformedBody.class);
    }

    private void decodesOrIsRefused(byte[] bytes) {
        try {
            codec.decode(bytes);
        } catch (WireCodec.MalformedBody expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] good = codec.encode(sent(new Payload.Membership(new GroupName("ops"), Payload.Change.JOIN)), B);
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThatThrownBy(() -> codec.decode(cut)).as("first %d bytes", n).isInstanceOf(WireCodec.MalformedBody.class);
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        longer[good.length] = (byte) 0xc2; // a small int: a second value after the body
        assertThatThrownBy(() -> codec.decode(longer)).isInstanceOf(WireCodec.MalformedBody.class)
                .hasMessageContaining("after the body");
    }

    @Test
    void anotherVersionIsNamedAsSuch() throws IOException {
        assertRefused(m -> m.put("v", 2), "version 2");
        // checked first: a newer body is refused for its version, whatever else of it is different
        assertRefused(m -> {
            m.put("v", 2);
            m.put("id", 42);
        }, "version 2");
    }

    @Test
    void aMissingFieldIsNamed() throws IOException {
        for (String field : List.of("v", "id", "dests", "meta", "kind", "sentAt")) {
            assertRefused(m -> m.remove(field), "no " + field);
        }
        assertRefused(m -> {
            m.remove("text");
            m.remove("to");
        }, "chat text missing");
        assertRefused(m -> m.put("to", null), "no target");
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() throws IOException {
        assertRefused(m -> m.put("id", 42), "id is a number, not a string");
        assertRefused(m -> m.put("id", null), "id is null, not a string");
        assertRefused(m -> m.put("v", "1"), "v is a string, not a whole number");
        assertRefused(m -> m.put("v", 1.0), "v is a decimal number, not a whole number");
        assertRefused(m -> m.put("sentAt", "soon"), "sentAt is a string");
        assertRefused(m -> m.put("sentAt", new BigInteger("99999999999999999999")), "out of range");
        assertRefused(m -> m.put("dests", B.value()), "dests is a string, not an array");
        assertRefused(m -> m.put("dests", Arrays.asList(B.value(), 3)), "dests holds a number, not only strings");
        assertRefused(m -> m.put("dests", Map.of("b", B.value())), "dests is an object");
        assertRefused(m -> m.put("meta", "AQA="), "meta is a string, not binary");
        assertRefused(m -> m.put("kind", true), "kind is a boolean");
        assertRefused(m -> m.put("text", List.of("x")), "text is an array");
    }

    @Test
    void badValuesAreRefused() throws IOException {
        assertRefused(m -> m.put("id", "not-an-id"), "not a node id");
        assertRefused(m -> m.put("id", A.value() + "-0"), "starts at 1");
        assertRefused(m -> m.put("id", A.value()), "not a message id");
        assertRefused(m -> m.put("dests", List.of(B.value().toUpperCase())), "not a node id");
        assertRefused(m -> m.put("dests", List.of(B.value(), C.value(), B.value())), "duplicate element: " + B.value());
        assertRefused(m -> m.put("meta", new byte[] {9, 9}), "metadata version");
        assertRefused(m -> m.put("kind", "poll"), "unknown payload kind poll");
        assertRefused(m -> m.put("to", "#Not A Group"), "group name");
        assertRefused(m -> m.put("to", "!" + B.value()), "neither #group nor @user");
        assertRefused(m -> {
            m.put("kind", "membership");
            m.put("group", "ops");
            m.put("change", "SHOUT");
        }, "SHOUT");
        assertRefused(m -> m.put("kind", "membership"), "without a group");
    }

    @Test
    void aFieldTwiceIsRefused() throws Exception {
        Map<String, Object> doc = goodDocument();
        byte[] bytes;
        try (var out = new ByteArrayOutputStream(); var g = OldCodec.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : doc.entrySet()) {
                g.writeObjectField(e.getKey(), e.getValue());
            }
            g.writeStringField("id", A.value() + "-8");
            g.writeEndObject();
            g.flush();
            bytes = out.toByteArray();
        }
        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(WireCodec.MalformedBody.class)
                .hasMessageContaining("id given twice");
    }

    /** Forward compatibility: a field this node does not know (within the same version) is skipped. */
    @Test
    void unknownFieldsAreSkipped() throws Exception {
        Map<String, Object> doc = goodDocument();
        WireCodec.Decoded plain = codec.decode(OldCodec.MAPPER.writeValueAsBytes(doc));
        Map<String, Object> extended = new LinkedHashMap<>();
        extended.put("early", List.of(1, Map.of("nested", List.of("deep")), "x"));
        extended.putAll(doc);
        extended.put("edited", Map.of("at", 99, "by", A.value()));
        extended.put("flag", true);
        WireCodec.Decoded decoded = codec.decode(OldCodec.MAPPER.writeValueAsBytes(extended));
        assertThat(decoded).usingRecursiveComparison().isEqualTo(plain);
    }

    @Test
    void overlongTextFromAPeerIsRefused() throws Exception {
        Payload.Chat longest = new Payload.Chat(new Target.Group(GroupName.ALL), "é".repeat(Payload.MAX_TEXT_LENGTH));
        assertThat(codec.decode(codec.encode(sent(longest), B)).message().payload()).isEqualTo(longest);
        // An emoji is one character, as the sender's parser counts it: 4000 of them pass.
        Payload.Chat emoji = new Payload.Chat(new Target.Group(GroupName.ALL), "\uD83D\uDE00".repeat(Payload.MAX_TEXT_LENGTH));
        assertThat(codec.decode(codec.encode(sent(emoji), B)).message().payload()).isEqualTo(emoji);
        Event.MessageSent s = sent(new Payload.Chat(new Target.Group(GroupName.ALL), "x".repeat(Payload.MAX_TEXT_LENGTH + 1)));
        assertThatThrownBy(() -> codec.decode(codec.encode(s, B))).isInstanceOf(WireCodec.MalformedBody.class)
                .hasMessageContaining("characters");
    }

    /** A valid body as a map, in field order, to take apart. */
    private Map<String, Object> goodDocument() throws IOException {
        byte[] good = codec.encode(sent(new Payload.Chat(new Target.Group(new GroupName("dev")), "hello")), B);
        return OldCodec.MAPPER.readValue(good, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    private void assertRefused(Consumer<Map<String, Object>> change, String message) throws IOException {
        Map<String, Object> doc = goodDocument();
        change.accept(doc);
        byte[] bytes = OldCodec.MAPPER.writeValueAsBytes(doc);
        assertThatThrownBy(() -> codec.decode(bytes)).as(doc.toString()).isInstanceOf(WireCodec.MalformedBody.class)
                .hasMessageContaining(message);
    }

    private static Event.MessageSent randomMessage(Random random) {
        List<NodeId> nodes = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            nodes.add(randomNode(random));
        }
        NodeId sender = nodes.get(0);
        Set<NodeId> dests = new HashSet<>(nodes.subList(1, 1 + random.nextInt(13)));
        // one destination always has metadata, so that a message to no one still has a body to compare
        Set<NodeId> withMeta = new HashSet<>(dests);
        withMeta.add(nodes.get(13));
        Map<NodeId, List<Dependency>> meta = new HashMap<>();
        Map<NodeId, Long> seqs = new HashMap<>();
        for (NodeId d : withMeta) {
            List<Dependency> deps = new ArrayList<>();
            for (int k = random.nextInt(12); k > 0; k--) {
                Set<NodeId> on = new HashSet<>();
                for (int j = random.nextInt(6); j > 0; j--) {
                    on.add(nodes.get(random.nextInt(nodes.size())));
                }
                deps.add(new Dependency(nodes.get(random.nextInt(nodes.size())), 1 + random.nextInt(100_000), on));
            }
            meta.put(d, deps);
            seqs.put(d, 1L + random.nextInt(1000));
        }
        long ts = random.nextBoolean() ? random.nextInt(1000) : 1_700_000_000_000L + random.nextInt(1 << 30);
        return new Event.MessageSent(new MessageId(sender, 1 + random.nextInt(1 << 20)), dests, meta, seqs,
                randomPayload(random, nodes), ts, ts);
    }

    private static Payload randomPayload(Random random, List<NodeId> nodes) {
        return switch (random.nextInt(4)) {
            case 0 -> new Payload.Membership(randomGroup(random), Payload.Change.values()[random.nextInt(3)]);
            case 1 -> new Payload.Chat(new Target.User(nodes.get(random.nextInt(nodes.size()))), randomText(random, nodes));
            default -> new Payload.Chat(new Target.Group(random.nextInt(3) == 0 ? GroupName.ALL : randomGroup(random)),
                    randomText(random, nodes));
        };
    }

    private static NodeId randomNode(Random random) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return new NodeId(hex.toString());
    }

    private static GroupName randomGroup(Random random) {
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789_-";
        StringBuilder name = new StringBuilder().append(chars.charAt(random.nextInt(36)));
        for (int i = random.nextInt(GroupName.MAX_LENGTH); i > 0; i--) {
            name.append(chars.charAt(random.nextInt(chars.length())));
        }
        return new GroupName(name.toString());
    }

    private static String randomText(Random random, List<NodeId> nodes) {
        String[] pieces = {"hello", " ", "é", "ß", "日本語", "😀", "👍🏽", "\n", "\"", "\\", "\u0000", "Ω", "مرحبا", "x"};
        return switch (random.nextInt(6)) {
            case 0 -> ""; // empty text is a valid chat
            case 1 -> nodes.get(random.nextInt(nodes.size())).value(); // the same string as an id: Smile refers back to it
            case 2 -> "ü".repeat(random.nextInt(Payload.MAX_TEXT_LENGTH + 1));
            default -> {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(40); i > 0; i--) {
                    text.append(pieces[random.nextInt(pieces.length)]);
                }
                yield text.toString();
            }
        };
    }

    /** The databind codec of earlier versions (encoding, and the record it read bodies into). */
    private static final class OldCodec {
        static final ObjectMapper MAPPER = new ObjectMapper(
                SmileFactory.builder().enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES)
                        .disable(SmileGenerator.Feature.ENCODE_BINARY_AS_7BIT).build());

        // Fields in the order the codec writes them now, the metadata last (earlier versions had it after dests).
        @JsonPropertyOrder({"v", "id", "dests", "kind", "to", "text", "group", "change", "sentAt", "meta"})
        record Body(int v, String id, List<String> dests, byte[] meta, String kind, String to, String text,
                    String group, String change, long sentAt) {
            /** For equals, which compares arrays by reference. */
            Body withoutMeta() {
                return new Body(v, id, dests, null, kind, to, text, group, change, sentAt);
            }
        }

        static Body body(Event.MessageSent sent, NodeId destination) {
            Payload p = sent.payload();
            Payload.Chat chat = p instanceof Payload.Chat c ? c : null;
            Payload.Membership membership = p instanceof Payload.Membership m ? m : null;
            String to = chat == null ? null : chat.to() instanceof Target.Group g ? "#" + g.name().value()
                    : "@" + ((Target.User) chat.to()).id().value();
            return new Body(1, sent.id().text(), sent.destinations().stream().map(NodeId::value).sorted().toList(),
                    MetadataCodec.encode(sent.meta().get(destination)), chat != null ? "chat" : "membership", to,
                    chat == null ? null : chat.text(), membership == null ? null : membership.group().value(),
                    membership == null ? null : membership.change().name(), sent.ts());
        }

        static byte[] encode(Event.MessageSent sent, NodeId destination) throws IOException {
            return MAPPER.writeValueAsBytes(body(sent, destination));
        }

        private static final ObjectMapper WITHOUT_BACK_REFERENCES = new ObjectMapper(
                SmileFactory.builder().disable(SmileGenerator.Feature.CHECK_SHARED_NAMES)
                        .disable(SmileGenerator.Feature.ENCODE_BINARY_AS_7BIT).build());

        static byte[] encodeWithoutBackReferences(Event.MessageSent sent, NodeId destination) throws IOException {
            return WITHOUT_BACK_REFERENCES.writeValueAsBytes(body(sent, destination));
        }
    }
}

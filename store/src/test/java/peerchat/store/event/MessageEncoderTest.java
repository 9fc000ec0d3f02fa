package peerchat.store.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import peerchat.store.Fixtures;

/**
 * The hand-written encoder of the message events against the data binding it stands in for: for
 * many varied events, its bytes read back to the same event and are the same document as the
 * data binding's, so logs written by either are read alike.
 */
class MessageEncoderTest {
    private static final int EVENTS = 2000;
    private static final long[] EDGE_NUMBERS = {0, 1, -1, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L,
            Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, Long.MAX_VALUE, Long.MIN_VALUE, 1_700_000_000_000L};
    private static final String[] TEXTS = {"", "hi", "héllo ✓", "日本語のテキスト", "emoji \uD83D\uDE00 and \uD83C\uDF89",
            "quote \" backslash \\ newline \n tab \t nul \u0000", "chat", "group", "id", "LEAVE"};

    /** Random characters are drawn below one of these: ASCII, then 2-byte and 3-byte UTF-8, then any code point. */
    private static final int[] RANGES = {0x80, 0x800, 0x10000, Character.MAX_CODE_POINT + 1};

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper smile = new ObjectMapper(new SmileFactory());
    private final Random random = new Random(20240611);
    private final List<NodeId> nodes = nodeIds(40);

    @Test
    void theFastBytesReadBackAsTheEventAndAreTheDataBindingsDocument() throws Exception {
        for (int i = 0; i < EVENTS; i++) {
            assertEncodedAlike(event(i % 4));
        }
    }

    @Test
    void aSentMessagesMetadataCannotHoldANullDependency() {
        // MessageSent copies the lists in its meta too: a null cannot get in, and nothing changes them later.
        assertThatThrownBy(() -> new Event.MessageSent(new MessageId(Fixtures.ME, 1), Set.of(Fixtures.BOB),
                Map.of(Fixtures.BOB, Arrays.asList(new Dependency(Fixtures.CAROL, 2, Set.of()), null)),
                Map.of(Fixtures.BOB, 1L), Fixtures.text(Fixtures.user(Fixtures.BOB), "hi"), 1, 1))
                .isInstanceOf(NullPointerException.class);
    }

    /** Logs written before received messages, deliveries and acks left back-references out read the same. */
    @Test
    void theirEntriesWithBackReferencesAnnouncedReadTheSame() throws Exception {
        SmileFactory withThem = SmileFactory.builder().enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES)
                .disable(SmileGenerator.Feature.ENCODE_BINARY_AS_7BIT).build();
        MessageEncoder earlier = new MessageEncoder(withThem, withThem);
        for (int i = 0; i < 400; i++) {
            Event event = event(i % 4);
            byte[] body = earlier.encode(event);
            assertThat(body[3] & 3).isEqualTo(3);
            int tag = EventType.of(event).tag();
            assertThat(codec.decode(EventCodec.SCHEMA_VERSION, tag, body, 0, body.length)).as("%s", event).isEqualTo(event);
            assertThat(codec.decodeSummary(EventCodec.SCHEMA_VERSION, tag, body, 0, body.length)).as("summary of %s", event)
                    .isEqualTo(summaryOf(event));
        }
    }

    @Test
    void onlyTheFourMessageEventsAreWrittenByHand() throws Exception {
        MessageEncoder encoder = new MessageEncoder(new SmileFactory(), new SmileFactory());
        for (Event event : EventCodecTest.everyKind()) {
            boolean message = event instanceof Event.MessageSent || event instanceof Event.MessageReceived
                    || event instanceof Event.MessageDelivered || event instanceof Event.PeerAcked;
            assertThat(encoder.encode(event) != null).as("written by hand: %s", event).isEqualTo(message);
        }
    }

    private void assertEncodedAlike(Event event) throws Exception {
        byte[] fast = codec.encode(event);
        byte[] bound = codec.encodeBound(event);
        int tag = EventType.of(event).tag();
        // Readers need the same document. The bytes are the same too, back-references included: both
        // walk the same collections in the same order into a generator of the same factory.
        assertThat(smile.readTree(fast)).as("document of %s", event).isEqualTo(smile.readTree(bound));
        assertThat(fast).as("bytes of %s", event).isEqualTo(bound);
        // Smile's header, its fourth byte: 1 = back-references to names, 2 = to strings
        assertThat(fast[3] & 3).as("back-references in %s", event).isEqualTo(event instanceof Event.MessageSent ? 3 : 0);
        assertThat(codec.decode(EventCodec.SCHEMA_VERSION, tag, fast, 0, fast.length)).as("%s", event).isEqualTo(event);
        assertThat(codec.decodeSummary(EventCodec.SCHEMA_VERSION, tag, fast, 0, fast.length)).as("summary of %s", event)
                .isEqualTo(summaryOf(event));
    }

    private static Event summaryOf(Event event) {
        if (event instanceof Event.MessageSent) {
            Event.MessageSent m = (Event.MessageSent) event;
            return new Event.MessageSent(m.id(), Set.of(), Map.of(), m.linkSeq(), m.payload(), m.ts(), m.transmitAt());
        }
        if (event instanceof Event.MessageReceived) {
            Event.MessageReceived m = (Event.MessageReceived) event;
            return new Event.MessageReceived(m.id(), Set.of(), List.of(), m.linkSeq(), m.payload(), m.sentAt(), m.ts(),
                    m.deliveredAtOnce());
        }
        return event;
    }

    private Event event(int kind) {
        switch (kind) {
            case 0: {
                Map<NodeId, List<Dependency>> meta = new HashMap<>();
                Map<NodeId, Long> linkSeq = new HashMap<>();
                for (NodeId to : someNodes()) {
                    meta.put(to, dependencies());
                    linkSeq.put(to, number());
                }
                return new Event.MessageSent(messageId(), someNodes(), meta, linkSeq, payload(), number(), number());
            }
            case 1:
                return new Event.MessageReceived(messageId(), someNodes(), dependencies(), number(), payload(), number(), number(),
                        random.nextBoolean());
            case 2:
                return new Event.MessageDelivered(messageId(), number());
            default:
                return new Event.PeerAcked(node(), number(), number());
        }
    }

    /**
     * Ids of 32 hex digits as the engine makes them, and of every other allowed length: the
     * longest, with a message's number after them, are too long for Smile's back-references.
     */
    private List<NodeId> nodeIds(int n) {
        List<NodeId> ids = new ArrayList<>();
        while (ids.size() < n) {
            int length = random.nextBoolean() ? 32 : 8 + random.nextInt(57);
            StringBuilder hex = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                hex.append(Character.forDigit(random.nextInt(16), 16));
            }
            ids.add(new NodeId(hex.toString()));
        }
        return ids;
    }

    private NodeId node() {
        return nodes.get(random.nextInt(nodes.size()));
    }

    private Set<NodeId> someNodes() {
        Set<NodeId> some = new HashSet<>();
        int n = random.nextInt(13);
        while (some.size() < n) {
            some.add(node());
        }
        return some;
    }

    /** As a message's metadata can only be (the causal core makes and takes timestamps from 1 only). */
    private List<Dependency> dependencies() {
        List<Dependency> deps = new ArrayList<>();
        for (int i = random.nextInt(10); i > 0; i--) {
            long t = number();
            deps.add(new Dependency(node(), t >= 1 ? t : 1 + random.nextInt(1000), someNodes()));
        }
        return deps;
    }

    private MessageId messageId() {
        long seq = random.nextInt(3) == 0 ? Long.MAX_VALUE - random.nextInt(10) : 1 + random.nextInt(1_000_000);
        return new MessageId(node(), seq);
    }

    private long number() {
        switch (random.nextInt(3)) {
            case 0:
                return EDGE_NUMBERS[random.nextInt(EDGE_NUMBERS.length)];
            case 1:
                return random.nextLong();
            default:
                return random.nextInt(1000);
        }
    }

    private Payload payload() {
        int kind = random.nextInt(6);
        if (kind < 2) {
            return new Payload.Membership(groupName(), Payload.Change.values()[random.nextInt(Payload.Change.values().length)]);
        }
        if (kind == 2) {
            String name = text();
            return new Payload.Rename(name.isEmpty() || name.length() > Payload.Rename.MAX_NAME_CHARS ? "x" : name);
        }
        Target to = random.nextBoolean() ? new Target.Group(groupName()) : new Target.User(node());
        return new Payload.Chat(to, text());
    }

    private GroupName groupName() {
        String first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        String rest = first + "_-";
        StringBuilder name = new StringBuilder().append(first.charAt(random.nextInt(first.length())));
        for (int i = random.nextInt(GroupName.MAX_LENGTH); i > 0; i--) {
            name.append(rest.charAt(random.nextInt(rest.length())));
        }
        return new GroupName(name.toString());
    }

    /** Fixed texts (unicode, escapes, words that are also names or values), a node's id, or random characters. */
    private String text() {
        switch (random.nextInt(4)) {
            case 0:
                return TEXTS[random.nextInt(TEXTS.length)];
            case 1:
                return node().value();
            default: {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(random.nextBoolean() ? 30 : 300); i > 0; i--) {
                    int codePoint = random.nextInt(RANGES[random.nextInt(RANGES.length)]);
                    if (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE) {
                        text.appendCodePoint(codePoint);
                    }
                }
                return text.toString();
            }
        }
    }
}

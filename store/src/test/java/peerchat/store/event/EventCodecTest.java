package peerchat.store.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import peerchat.store.Fixtures;

class EventCodecTest {
    private final EventCodec codec = new EventCodec();

    static List<Event> everyKind() {
        NodeId me = Fixtures.ME;
        NodeId bob = Fixtures.BOB;
        return List.of(
                new Event.IdentityCreated(me, "me", "pk", 1),
                new Event.MessageSent(new MessageId(me, 3), Set.of(bob, Fixtures.CAROL),
                        Map.of(bob, List.of(new Dependency(Fixtures.CAROL, 2, Set.of(bob)))),
                        Map.of(bob, 7L, Fixtures.CAROL, 2L),
                        new Payload.Chat(new Target.Group(new GroupName("Team")), "héllo ✓"), 10, 15),
                new Event.MessageSent(new MessageId(me, 4), Set.of(bob), Map.of(), Map.of(),
                        new Payload.Membership(new GroupName("team"), Payload.Change.LEAVE), 11, 11),
                new Event.MessageReceived(new MessageId(bob, 9), Set.of(me), List.of(new Dependency(bob, 8, Set.of(me))), 4,
                        new Payload.Chat(new Target.User(me), "hi"), 20, 21),
                new Event.MessageDelivered(new MessageId(bob, 9), 22),
                new Event.MessageReceived(new MessageId(bob, 10), Set.of(me), List.of(new Dependency(bob, 9, Set.of())), 5,
                        new Payload.Chat(new Target.User(me), "at once"), 22, 23, true),
                new Event.PeerSeen(bob, "bob", "127.0.0.2:7117", "pkb", 23),
                new Event.PeerSeen(bob, "bob", null, null, 23),
                new Event.PeerConnected(bob, "127.0.0.2:7117", 24),
                new Event.PeerDisconnected(bob, "heartbeat lost", 25),
                new Event.PeerAcked(bob, 7, 26),
                new Event.MessageDropped(bob, 5, "malformed body", 27),
                new Event.CustodyTaken(Fixtures.CAROL, 8, new MessageId(bob, 11), new byte[] {'R', 1, 0, -1, 42}, 28),
                new Event.RelayReceived(Fixtures.CAROL, 6, new MessageId(bob, 12), 29),
                new Event.UserIgnored(bob, true, 30),
                new Event.UserIgnored(bob, false, 31),
                new Event.UserForgotten(bob, 35),
                new Event.UserHeard(Fixtures.CAROL, "carol", bob, 17, List.of(new GroupStamp(new GroupName("team"), 3, true),
                        new GroupStamp(new GroupName("ops"), 7, false)), 36),
                new Event.UserHeard(Fixtures.CAROL, null, bob, 0, List.of(), 37),
                new Event.MessageSent(new MessageId(me, 5), Set.of(bob), Map.of(), Map.of(), new Payload.Rename("mé2"), 32, 32),
                new Event.MessageReceived(new MessageId(bob, 13), Set.of(me), List.of(new Dependency(bob, 12, Set.of(me))), 6,
                        new Payload.Rename("bobby"), 33, 34, true));
    }

    @Test
    void everyKindOfEventComesBackEqual() throws Exception {
        for (Event event : everyKind()) {
            byte[] body = codec.encode(event);
            Event back = codec.decode(EventCodec.SCHEMA_VERSION, EventType.of(event).tag(), body, 0, body.length);
            assertThat(back).isEqualTo(event);
        }
    }

    @Test
    void aReceiveNotDeliveredAtOnceIsWrittenAsBeforeTheFlag() throws Exception {
        Event.MessageReceived waited = (Event.MessageReceived) everyKind().get(3);
        byte[] body = codec.encode(waited);
        assertThat(new String(body, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("deliveredAtOnce");
        assertThat(new String(codec.encode(waited.asDeliveredAtOnce()), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("deliveredAtOnce");
        // An entry written before the flag existed reads as a receive that waits for its MessageDelivered.
        assertThat(((Event.MessageReceived) codec.decode(1, EventType.of(waited).tag(), body, 0, body.length)).deliveredAtOnce()).isFalse();
    }

    @Test
    void aSummaryIsTheEventWithoutItsCausalMetadata() throws Exception {
        for (Event event : everyKind()) {
            byte[] body = codec.encode(event);
            Event summary = codec.decodeSummary(EventCodec.SCHEMA_VERSION, EventType.of(event).tag(), body, 0, body.length);
            Event expected = event;
            if (event instanceof Event.MessageSent) {
                Event.MessageSent m = (Event.MessageSent) event;
                expected = new Event.MessageSent(m.id(), Set.of(), Map.of(), m.linkSeq(), m.payload(), m.ts(), m.transmitAt());
            } else if (event instanceof Event.MessageReceived) {
                Event.MessageReceived m = (Event.MessageReceived) event;
                expected = new Event.MessageReceived(m.id(), Set.of(), List.of(), m.linkSeq(), m.payload(), m.sentAt(), m.ts(),
                        m.deliveredAtOnce());
            }
            assertThat(summary).isEqualTo(expected);
        }
    }

    @Test
    void theStreamingSummaryReaderAgreesWithTheDataBoundOne() throws Exception {
        for (Event event : everyKind()) {
            byte[] body = codec.encode(event);
            int tag = EventType.of(event).tag();
            assertThat(codec.decodeSummary(1, tag, body, 0, body.length))
                    .isEqualTo(codec.decodeSummaryBound(1, tag, body, 0, body.length));
        }
    }

    @Test
    void aDamagedMessageIsRefusedBySummaryReadingToo() {
        byte[] body = codec.encode(everyKind().get(3));
        for (int cut : new int[] {0, 3, body.length / 2, body.length - 1}) {
            assertThatThrownBy(() -> codec.decodeSummary(1, EventType.MESSAGE_RECEIVED.tag(), body, 0, cut))
                    .as("cut at " + cut).isInstanceOf(UnreadableEventException.class);
        }
        byte[] other = codec.encode(new Event.PeerAcked(Fixtures.BOB, 1, 1));
        assertThatThrownBy(() -> codec.decodeSummary(1, EventType.MESSAGE_SENT.tag(), other, 0, other.length))
                .isInstanceOf(UnreadableEventException.class);
    }

    @Test
    void everyTypeHasADistinctTag() {
        assertThat(EventType.values()).extracting(EventType::tag).doesNotHaveDuplicates();
        for (EventType type : EventType.values()) {
            assertThat(EventType.ofTag(type.tag())).isEqualTo(type);
        }
        assertThat(everyKind()).extracting(EventType::of).containsAll(List.of(EventType.values()));
    }

    @Test
    void schema1MessagesWithTheirMetadataAsListsOfObjectsReadTheSame() throws Exception {
        Event.MessageReceived received = (Event.MessageReceived) everyKind().get(3);
        com.fasterxml.jackson.databind.ObjectMapper smile = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.smile.SmileFactory());
        com.fasterxml.jackson.databind.node.ObjectNode doc =
                (com.fasterxml.jackson.databind.node.ObjectNode) smile.readTree(codec.encode(received));
        assertThat(doc.get("meta").isBinary()).isTrue();
        assertThat(doc.get("destinations").isBinary()).isTrue();
        // as schema 1 wrote it: ids as texts, and {"sender": id, "t": n, "destinations": [ids]} for each entry
        com.fasterxml.jackson.databind.node.ArrayNode dests = doc.putArray("destinations");
        received.destinations().forEach(id -> dests.add(id.value()));
        com.fasterxml.jackson.databind.node.ArrayNode listed = doc.putArray("meta");
        for (Dependency d : received.meta()) {
            com.fasterxml.jackson.databind.node.ObjectNode o = listed.addObject();
            o.put("sender", d.sender().value());
            o.put("t", d.t());
            d.destinations().forEach(id -> o.withArray("destinations").add(id.value()));
        }
        byte[] v1 = smile.writeValueAsBytes(doc);
        int tag = EventType.of(received).tag();
        assertThat(codec.decode(1, tag, v1, 0, v1.length)).isEqualTo(received);
        assertThat(((Event.MessageReceived) codec.decodeSummary(1, tag, v1, 0, v1.length)).payload()).isEqualTo(received.payload());

        Event.MessageSent sent = (Event.MessageSent) everyKind().get(1);
        com.fasterxml.jackson.databind.node.ObjectNode sentDoc =
                (com.fasterxml.jackson.databind.node.ObjectNode) smile.readTree(codec.encode(sent));
        com.fasterxml.jackson.databind.node.ArrayNode sentDests = sentDoc.putArray("destinations");
        sent.destinations().forEach(id -> sentDests.add(id.value()));
        com.fasterxml.jackson.databind.node.ObjectNode perDestination = sentDoc.putObject("meta");
        sent.meta().forEach((to, deps) -> {
            com.fasterxml.jackson.databind.node.ArrayNode list = perDestination.putArray(to.value());
            for (Dependency d : deps) {
                com.fasterxml.jackson.databind.node.ObjectNode o = list.addObject();
                o.put("sender", d.sender().value());
                o.put("t", d.t());
                d.destinations().forEach(id -> o.withArray("destinations").add(id.value()));
            }
        });
        byte[] sentV1 = smile.writeValueAsBytes(sentDoc);
        assertThat(codec.decode(1, EventType.of(sent).tag(), sentV1, 0, sentV1.length)).isEqualTo(sent);
    }

    @Test
    void aNewerSchemaVersionIsRefusedWithItsNumber() {
        byte[] body = codec.encode(everyKind().get(0));
        assertThatThrownBy(() -> codec.decode(EventCodec.SCHEMA_VERSION + 1, 1, body, 0, body.length))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("schema version " + (EventCodec.SCHEMA_VERSION + 1));
    }

    @Test
    void anUnknownTypeIsRefusedWithItsTag() {
        byte[] body = codec.encode(everyKind().get(0));
        assertThatThrownBy(() -> codec.decode(EventCodec.SCHEMA_VERSION, 99, body, 0, body.length))
                .isInstanceOf(UnreadableEventException.class).hasMessageContaining("tag 99");
    }

    @Test
    void garbageOrAnInvalidValueIsRefusedNotThrownAsABug() {
        byte[] garbage = "not smile at all".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> codec.decode(1, EventType.PEER_ACKED.tag(), garbage, 0, garbage.length))
                .isInstanceOf(UnreadableEventException.class);
        byte[] body = codec.encode(new Event.PeerAcked(Fixtures.BOB, 1, 1));
        assertThatThrownBy(() -> codec.decode(1, EventType.PEER_ACKED.tag(), body, 0, body.length / 2))
                .isInstanceOf(UnreadableEventException.class);
        // a valid body of another type: the record constructor refuses the missing id
        byte[] other = codec.encode(new Event.MessageDelivered(new MessageId(Fixtures.BOB, 1), 1));
        assertThatThrownBy(() -> codec.decode(1, EventType.PEER_SEEN.tag(), other, 0, other.length))
                .isInstanceOf(UnreadableEventException.class);
    }

    @Test
    void fieldsAddedByALaterLayoutAreIgnored() throws Exception {
        // What a later minor layout may write: the fields we know, plus one we do not.
        com.fasterxml.jackson.databind.ObjectMapper smile =
                new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.smile.SmileFactory());
        byte[] body = smile.writeValueAsBytes(Map.of("id", Fixtures.BOB.value(), "linkSeq", 3, "ts", 9, "mood", "happy"));
        assertThat(codec.decode(1, EventType.PEER_ACKED.tag(), body, 0, body.length))
                .isEqualTo(new Event.PeerAcked(Fixtures.BOB, 3, 9));
    }
}

package peerchat.store.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes the four events logged for every message ({@code MessageSent}, {@code MessageReceived},
 * {@code MessageDelivered}, {@code PeerAcked}) straight onto Jackson's token stream. Encoding
 * was about 12% of a busy node's CPU, and on every message the data binding adds reflective reads
 * of record components, serializer look-ups, type ids and per-call setup: about a third of the
 * encoding time of these events. The output is the same Smile the data binding writes (same
 * fields in the same order, same value shapes), so every log and every reader is unaffected:
 * {@code MessageEncoderTest} holds the two equal. Any other event is left to the data binding.
 */
final class MessageEncoder {
    // Field names with their UTF-8 bytes computed once, as the data binding keeps them.
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString DESTINATIONS = new SerializedString("destinations");
    private static final SerializableString META = new SerializedString("meta");
    private static final SerializableString LINK_SEQ = new SerializedString("linkSeq");
    private static final SerializableString PAYLOAD = new SerializedString("payload");
    private static final SerializableString TS = new SerializedString("ts");
    private static final SerializableString SENT_AT = new SerializedString("sentAt");
    private static final SerializableString TRANSMIT_AT = new SerializedString("transmitAt");
    private static final SerializableString DELIVERED_AT_ONCE = new SerializedString("deliveredAtOnce");
    private static final SerializableString KIND = new SerializedString("k");
    private static final SerializableString TO = new SerializedString("to");
    private static final SerializableString TEXT = new SerializedString("text");
    private static final SerializableString GROUP = new SerializedString("group");
    private static final SerializableString CHANGE = new SerializedString("change");
    private static final SerializableString NAME = new SerializedString("name");

    private final SmileFactory sentFactory;
    private final SmileFactory leanFactory;

    /**
     * {@code sentFactory} writes sent messages and {@code leanFactory} the other three (see
     * {@link #isLean}), as the data binding does with each, so both write the same header and
     * back-references.
     */
    MessageEncoder(SmileFactory sentFactory, SmileFactory leanFactory) {
        this.sentFactory = sentFactory;
        this.leanFactory = leanFactory;
    }

    /** A message event written without back-references: all but a sent message. */
    static boolean isLean(Event event) {
        return event instanceof Event.MessageReceived || event instanceof Event.MessageDelivered || event instanceof Event.PeerAcked;
    }

    /** The body of {@code event}, or null when it is not one of the four message events. */
    byte[] encode(Event event) throws IOException {
        if (!(event instanceof Event.MessageSent || event instanceof Event.MessageReceived
                || event instanceof Event.MessageDelivered || event instanceof Event.PeerAcked)) {
            return null;
        }
        SmileFactory factory = isLean(event) ? leanFactory : sentFactory;
        // As in ObjectMapper.writeValueAsBytes: the output starts in this thread's recycled buffer,
        // not in a new one per call, which measured slower.
        BufferRecycler recycler = factory._getBufferRecycler();
        try (ByteArrayBuilder out = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator gen = factory.createGenerator(out)) {
                gen.writeStartObject();
                if (event instanceof Event.MessageSent) {
                    sent(gen, (Event.MessageSent) event);
                } else if (event instanceof Event.MessageReceived) {
                    received(gen, (Event.MessageReceived) event);
                } else if (event instanceof Event.MessageDelivered) {
                    delivered(gen, (Event.MessageDelivered) event);
                } else {
                    acked(gen, (Event.PeerAcked) event);
                }
                gen.writeEndObject();
            }
            byte[] body = out.toByteArray();
            out.release();
            return body;
        } finally {
            recycler.releaseToPool();
        }
    }

    private static void sent(JsonGenerator gen, Event.MessageSent m) throws IOException {
        gen.writeFieldName(ID);
        gen.writeString(m.id().text());
        gen.writeFieldName(DESTINATIONS);
        gen.writeBinary(MetadataCodec.encodeIds(m.destinations())); // packed, as EventCodec's data binding writes it
        gen.writeFieldName(META);
        gen.writeStartObject();
        for (Map.Entry<NodeId, List<Dependency>> e : m.meta().entrySet()) {
            gen.writeFieldName(e.getKey().value());
            gen.writeBinary(MetadataCodec.encode(e.getValue())); // packed, as EventCodec's data binding writes it
        }
        gen.writeEndObject();
        gen.writeFieldName(LINK_SEQ);
        gen.writeStartObject();
        for (Map.Entry<NodeId, Long> e : m.linkSeq().entrySet()) {
            gen.writeFieldName(e.getKey().value());
            gen.writeNumber(e.getValue().longValue());
        }
        gen.writeEndObject();
        gen.writeFieldName(PAYLOAD);
        payload(gen, m.payload());
        gen.writeFieldName(TS);
        gen.writeNumber(m.ts());
        gen.writeFieldName(TRANSMIT_AT);
        gen.writeNumber(m.transmitAt());
    }

    private static void received(JsonGenerator gen, Event.MessageReceived m) throws IOException {
        gen.writeFieldName(ID);
        gen.writeString(m.id().text());
        gen.writeFieldName(DESTINATIONS);
        gen.writeBinary(MetadataCodec.encodeIds(m.destinations())); // packed, as EventCodec's data binding writes it
        gen.writeFieldName(META);
        gen.writeBinary(MetadataCodec.encode(m.meta())); // packed, as EventCodec's data binding writes it
        gen.writeFieldName(LINK_SEQ);
        gen.writeNumber(m.linkSeq());
        gen.writeFieldName(PAYLOAD);
        payload(gen, m.payload());
        gen.writeFieldName(SENT_AT);
        gen.writeNumber(m.sentAt());
        gen.writeFieldName(TS);
        gen.writeNumber(m.ts());
        if (m.deliveredAtOnce()) { // left out when false, as the data binding does
            gen.writeFieldName(DELIVERED_AT_ONCE);
            gen.writeBoolean(true);
        }
    }

    private static void delivered(JsonGenerator gen, Event.MessageDelivered m) throws IOException {
        gen.writeFieldName(ID);
        gen.writeString(m.id().text());
        gen.writeFieldName(TS);
        gen.writeNumber(m.ts());
    }

    private static void acked(JsonGenerator gen, Event.PeerAcked m) throws IOException {
        gen.writeFieldName(ID);
        gen.writeString(m.id().value());
        gen.writeFieldName(LINK_SEQ);
        gen.writeNumber(m.linkSeq());
        gen.writeFieldName(TS);
        gen.writeNumber(m.ts());
    }

    private static void payload(JsonGenerator gen, Payload payload) throws IOException {
        gen.writeStartObject();
        if (payload instanceof Payload.Chat) {
            Payload.Chat chat = (Payload.Chat) payload;
            gen.writeFieldName(KIND);
            gen.writeString("chat");
            gen.writeFieldName(TO);
            target(gen, chat.to());
            gen.writeFieldName(TEXT);
            gen.writeString(chat.text());
        } else if (payload instanceof Payload.Membership membership) {
            gen.writeFieldName(KIND);
            gen.writeString("member");
            gen.writeFieldName(GROUP);
            gen.writeString(membership.group().value());
            gen.writeFieldName(CHANGE);
            gen.writeString(membership.change().name());
        } else {
            gen.writeFieldName(KIND);
            gen.writeString("rename");
            gen.writeFieldName(NAME);
            gen.writeString(((Payload.Rename) payload).name());
        }
        gen.writeEndObject();
    }

    private static void target(JsonGenerator gen, Target target) throws IOException {
        gen.writeStartObject();
        if (target instanceof Target.Group) {
            gen.writeFieldName(KIND);
            gen.writeString("group");
            gen.writeFieldName(NAME);
            gen.writeString(((Target.Group) target).name().value());
        } else {
            gen.writeFieldName(KIND);
            gen.writeString("user");
            gen.writeFieldName(ID);
            gen.writeString(((Target.User) target).id().value());
        }
        gen.writeEndObject();
    }
}

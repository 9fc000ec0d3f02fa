package peerchat.store.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns events into the body of a log entry and back, with Jackson's Smile format (binary JSON:
 * self-describing like JSON, so fields can be added later, but about half the size and faster to
 * parse). The entry's envelope, {@link #SCHEMA_VERSION} and {@link EventType} tag, is written by
 * the log; this class only knows bodies.
 *
 * <p>Thread-safe: one instance can be shared (Jackson's mapper is).
 */
public final class EventCodec {
    /**
     * Version of the body layout written today. Readers accept it and every older one. 2: a
     * message's destinations and metadata (a receive's, each destination's of a send) are
     * {@link MetadataCodec}'s packed bytes (in 1, lists of texts and objects), and a receive may
     * say it was delivered at once; an older reader refuses such an entry by its version rather
     * than misread it.
     */
    public static final int SCHEMA_VERSION = 2;

    private final ObjectMapper mapper;
    /** The data binding with {@link MessageEncoder}'s factory for every message event but a sent one: what tests compare it with. */
    private final ObjectMapper leanMapper;
    private final ObjectReader[] readers = new ObjectReader[EventType.values().length];
    private final ObjectReader[] summaryReaders = new ObjectReader[EventType.values().length];
    private final MessageEncoder messageEncoder;
    private final SummaryDecoder summaryDecoder;

    public EventCodec() {
        SmileFactory smile = SmileFactory.builder()
                // Node ids (up to 64 hex digits) repeat many times in one message's metadata: a
                // back-reference to the earlier copy in the same body halves a message's size.
                .enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES)
                // Packed metadata goes in as it is: 7-bit encoding would add an eighth and a loop.
                .disable(SmileGenerator.Feature.ENCODE_BINARY_AS_7BIT)
                .build();
        mapper = new ObjectMapper(smile)
                // A newer minor layout may add fields: an older reader ignores them rather than failing.
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .addMixIn(Payload.class, PayloadTypes.class)
                .addMixIn(Target.class, TargetTypes.class)
                .addMixIn(Event.MessageSent.class, SentLayout.class)
                .addMixIn(Event.MessageReceived.class, ReceivedLayout.class)
                .registerModule(idsAsText());
        // A received message, a delivery and an ack hardly ever repeat a name or string, so
        // back-references do not shorten them; announced in the header, they cost the writer and every reader a
        // table of each name and string (the log takes a received message per delivery, and a
        // restart reads them all). A sent message keeps them: its destinations' ids are the
        // names of its metadata and of its link numbers both.
        SmileFactory lean = SmileFactory.builder()
                .disable(SmileGenerator.Feature.CHECK_SHARED_NAMES)
                .disable(SmileGenerator.Feature.ENCODE_BINARY_AS_7BIT)
                .build();
        leanMapper = mapper.copyWith(lean);
        messageEncoder = new MessageEncoder(smile, lean);
        summaryDecoder = new SummaryDecoder(smile);
        ObjectMapper summaries = mapper.copy()
                .addMixIn(Event.MessageSent.class, SentSummary.class)
                .addMixIn(Event.MessageReceived.class, ReceivedSummary.class);
        for (EventType type : EventType.values()) {
            readers[type.ordinal()] = mapper.readerFor(type.type());
            summaryReaders[type.ordinal()] = summaries.readerFor(type.type());
        }
    }

    public byte[] encode(Event event) {
        try {
            byte[] body = messageEncoder.encode(event);
            return body != null ? body : mapper.writeValueAsBytes(event);
        } catch (IOException e) {
            // Every event is a plain record of strings, numbers and collections: this is a bug, not input.
            throw new UncheckedIOException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /** The data-bound encoder alone, without {@link MessageEncoder}: what tests compare it with. */
    byte[] encodeBound(Event event) throws IOException {
        return (MessageEncoder.isLean(event) ? leanMapper : mapper).writeValueAsBytes(event);
    }

    /**
     * Reads a body written with schema {@code version} under {@code tag}.
     *
     * @throws UnreadableEventException for an unknown tag, a newer version, or a body that does not parse
     */
    public Event decode(int version, int tag, byte[] body, int offset, int length) throws UnreadableEventException {
        return decode(version, tag, body, offset, length, readers);
    }

    /**
     * Like {@link #decode}, but a message's causal metadata ({@code destinations} and {@code meta}
     * of {@code MessageSent} and {@code MessageReceived}) is skipped and left empty: the
     * projections never look at it, and it is most of a message's ids, so a replay into them
     * reads several times faster. Never hand such an event to the causal core.
     */
    public Event decodeSummary(int version, int tag, byte[] body, int offset, int length) throws UnreadableEventException {
        EventType type = EventType.ofTag(tag);
        if (version >= 1 && version <= SCHEMA_VERSION && type != null) { // the versions differ only in what a summary skips
            try {
                Event event = summaryDecoder.decode(type, body, offset, length);
                if (event != null) {
                    return event;
                }
            } catch (IOException | RuntimeException e) {
                throw new UnreadableEventException("corrupt " + type + " body: " + e.getMessage(), e);
            }
        }
        return decode(version, tag, body, offset, length, summaryReaders);
    }

    /** The data-bound summary reader alone, without {@link SummaryDecoder}: what tests compare it with. */
    Event decodeSummaryBound(int version, int tag, byte[] body, int offset, int length) throws UnreadableEventException {
        return decode(version, tag, body, offset, length, summaryReaders);
    }

    private Event decode(int version, int tag, byte[] body, int offset, int length, ObjectReader[] readers)
            throws UnreadableEventException {
        if (version > SCHEMA_VERSION || version < 1) {
            throw new UnreadableEventException("schema version " + version + " (this code reads 1.." + SCHEMA_VERSION + ")");
        }
        EventType type = EventType.ofTag(tag);
        if (type == null) {
            throw new UnreadableEventException("unknown event type tag " + tag);
        }
        try {
            return readers[type.ordinal()].readValue(body, offset, length);
        } catch (IOException | RuntimeException e) {
            // RuntimeException: a record's constructor refused a value (a bad id, a missing field).
            throw new UnreadableEventException("corrupt " + type + " body: " + e.getMessage(), e);
        }
    }

    private abstract static class SentSummary {
        @JsonDeserialize(using = SkippedSet.class)
        abstract Set<NodeId> destinations();

        @JsonDeserialize(using = SkippedMap.class)
        abstract Map<NodeId, List<Dependency>> meta();
    }

    /** The destinations and each one's metadata packed, as for a receive. */
    private abstract static class SentLayout {
        @JsonSerialize(using = PackedIds.class)
        @JsonDeserialize(using = PackedOrListedIds.class)
        abstract Set<NodeId> destinations();

        @JsonSerialize(contentUsing = PackedMeta.class)
        @JsonDeserialize(contentUsing = PackedOrListedMeta.class)
        abstract Map<NodeId, List<Dependency>> meta();
    }

    /**
     * The metadata packed ({@link MetadataCodec}: each id once, varints), a few times smaller and
     * faster than a list of objects, and read in either form; the flag written only when true.
     */
    private abstract static class ReceivedLayout {
        @JsonSerialize(using = PackedIds.class)
        @JsonDeserialize(using = PackedOrListedIds.class)
        abstract Set<NodeId> destinations();

        @JsonSerialize(using = PackedMeta.class)
        @JsonDeserialize(using = PackedOrListedMeta.class)
        abstract List<Dependency> meta();

        @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        abstract boolean deliveredAtOnce();
    }

    private static final class PackedMeta extends JsonSerializer<List<Dependency>> {
        @Override
        public void serialize(List<Dependency> meta, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeBinary(MetadataCodec.encode(meta));
        }
    }

    private static final class PackedIds extends JsonSerializer<Set<NodeId>> {
        @Override
        public void serialize(Set<NodeId> ids, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeBinary(MetadataCodec.encodeIds(ids));
        }
    }

    /** Packed (schema 2) or a list of texts (schema 1). */
    private static final class PackedOrListedIds extends JsonDeserializer<Set<NodeId>> {
        @Override
        public Set<NodeId> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT) {
                return MetadataCodec.decodeIds(p.getBinaryValue());
            }
            return ctxt.readValue(p, ctxt.getTypeFactory().constructCollectionType(Set.class, NodeId.class));
        }
    }

    /** Packed (schema 2) or a list of objects (schema 1). */
    private static final class PackedOrListedMeta extends JsonDeserializer<List<Dependency>> {
        @Override
        public List<Dependency> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT) {
                return MetadataCodec.decode(p.getBinaryValue());
            }
            return ctxt.readValue(p, ctxt.getTypeFactory().constructCollectionType(List.class, Dependency.class));
        }
    }

    private abstract static class ReceivedSummary {
        @JsonDeserialize(using = SkippedSet.class)
        abstract Set<NodeId> destinations();

        @JsonDeserialize(using = SkippedList.class)
        abstract List<Dependency> meta();
    }

    private static final class SkippedSet extends JsonDeserializer<Set<NodeId>> {
        @Override
        public Set<NodeId> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            p.skipChildren();
            return Set.of();
        }
    }

    private static final class SkippedList extends JsonDeserializer<List<Dependency>> {
        @Override
        public List<Dependency> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            p.skipChildren();
            return List.of();
        }
    }

    private static final class SkippedMap extends JsonDeserializer<Map<NodeId, List<Dependency>>> {
        @Override
        public Map<NodeId, List<Dependency>> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            p.skipChildren();
            return Map.of();
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "k")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Payload.Chat.class, name = "chat"),
            @JsonSubTypes.Type(value = Payload.Membership.class, name = "member"),
            @JsonSubTypes.Type(value = Payload.Rename.class, name = "rename")})
    private interface PayloadTypes {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "k")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Target.Group.class, name = "group"),
            @JsonSubTypes.Type(value = Target.User.class, name = "user")})
    private interface TargetTypes {
    }

    /** Ids are written as their text form ("ab12...", "ab12...-7", "team"), not as one-field objects. */
    private static SimpleModule idsAsText() {
        SimpleModule module = new SimpleModule("peerchat-ids");
        addText(module, NodeId.class, NodeId::value, NodeId::of);
        addText(module, GroupName.class, GroupName::value, GroupName::new);
        addText(module, MessageId.class, MessageId::text, MessageId::parse);
        module.addKeyDeserializer(NodeId.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext ctxt) {
                return NodeId.of(key);
            }
        });
        return module;
    }

    private static <T> void addText(SimpleModule module, Class<T> type, Function<T, String> toText, Function<String, T> fromText) {
        module.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(toText.apply(value));
            }
        });
        module.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return fromText.apply(p.getValueAsString());
            }
        });
    }
}

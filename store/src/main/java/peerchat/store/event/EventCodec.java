package peerchat.store.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    /** Version of the body layout written today. Readers accept it and every older one. */
    public static final int SCHEMA_VERSION = 1;

    private final ObjectMapper mapper;

    public EventCodec() {
        SmileFactory smile = SmileFactory.builder()
                // Shared-value back references make bodies depend on earlier strings in the same body
                // only; keep names shared (cheap, safe) and values plain.
                .disable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES)
                .build();
        mapper = new ObjectMapper(smile)
                // A newer minor layout may add fields: an older reader ignores them rather than failing.
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .addMixIn(Payload.class, PayloadTypes.class)
                .addMixIn(Target.class, TargetTypes.class)
                .registerModule(idsAsText());
    }

    public byte[] encode(Event event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (IOException e) {
            // Every event is a plain record of strings, numbers and collections: this is a bug, not input.
            throw new UncheckedIOException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads a body written with schema {@code version} under {@code tag}.
     *
     * @throws UnreadableEventException for an unknown tag, a newer version, or a body that does not parse
     */
    public Event decode(int version, int tag, byte[] body, int offset, int length) throws UnreadableEventException {
        if (version > SCHEMA_VERSION || version < 1) {
            throw new UnreadableEventException("schema version " + version + " (this code reads 1.." + SCHEMA_VERSION + ")");
        }
        EventType type = EventType.ofTag(tag);
        if (type == null) {
            throw new UnreadableEventException("unknown event type tag " + tag);
        }
        try {
            return mapper.readValue(body, offset, length, type.type());
        } catch (IOException | RuntimeException e) {
            // RuntimeException: a record's constructor refused a value (a bad id, a missing field).
            throw new UnreadableEventException("corrupt " + type + " body: " + e.getMessage(), e);
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "k")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Payload.Chat.class, name = "chat"),
            @JsonSubTypes.Type(value = Payload.Membership.class, name = "member")})
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
        addText(module, NodeId.class, NodeId::value, NodeId::new);
        addText(module, GroupName.class, GroupName::value, GroupName::new);
        addText(module, MessageId.class, MessageId::text, MessageId::parse);
        module.addKeyDeserializer(NodeId.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext ctxt) {
                return new NodeId(key);
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

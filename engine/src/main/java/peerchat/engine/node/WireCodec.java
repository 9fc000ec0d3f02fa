package peerchat.engine.node;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.Set;
import peerchat.engine.causal.Incoming;
import peerchat.store.event.MetadataCodec;
import peerchat.store.event.Dependency;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.event.Target;

/**
 * The body of a causal message on a link: what one destination is sent of a {@link Event.MessageSent}.
 * A Smile object, with the KS metadata in its packed form ({@link MetadataCodec}: each node id once,
 * varint timestamps):
 *
 * <pre>
 * {v: 1, id: "&lt;sender&gt;-&lt;seq&gt;", dests: [node id, ... ascending],
 *  kind: "chat" | "membership" | "rename", to: "#group" | "@node id" | null, text: string | null,
 *  group: string | null, change: "CREATE" | "JOIN" | "LEAVE" | null, sentAt: long,
 *  name: string (a rename's only), by: string, meta: binary}
 * </pre>
 *
 * {@code by} is the sender's name as it sends (left out by a codec not given one): a destination
 * that knows no name for the sender yet (a copy passed on by another node came before any link
 * or roster told it) shows that one rather than a bare id.
 *
 * Written with Jackson's streaming API in this order, the metadata last: it is all that differs
 * between the destinations of one message, so what they share is encoded once and each body is
 * that, then its metadata (the bytes are what one generator writing the whole object would
 * write). Read in any order (earlier versions put meta after dests). Decoding validates
 * everything (a peer's bytes are not trusted). Stateless apart from the thread-safe factories:
 * any thread may encode or decode.
 */
final class WireCodec {
    static final int VERSION = 1;

    // Field names are short: they are on every message.
    static final String V = "v";
    static final String ID = "id";
    static final String DESTS = "dests";
    static final String META = "meta";
    static final String KIND = "kind";
    static final String TO = "to";
    static final String TEXT = "text";
    static final String GROUP = "group";
    static final String CHANGE = "change";
    static final String SENT_AT = "sentAt";
    static final String NAME = "name";
    static final String BY = "by";

    /** A decoded body: the copy for the causal core, the sender's send time and its name then (null if not said). */
    record Decoded(Incoming<Payload> message, long sentAt, String by) {
    }

    static final class MalformedBody extends Exception {
        MalformedBody(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A body's fields as read, each of the right type (version checked, nullable ones may be null); not yet what they mean. */
    record Body(String id, List<String> dests, byte[] meta, String kind, String to, String text, String group,
                String change, long sentAt, String name, String by) {
    }

    // No back-references: since the metadata is packed (each id once, in its bytes), a name or
    // string hardly ever repeats within a body (a text the same as an id), but the header
    // announcing them had every receiver's parser keep a table of every string and name it read.
    // A body of an earlier version, with them, reads the same.
    // The packed metadata goes in as raw bytes: 7-bit encoding would add an eighth, and a loop
    // on each side (the header says so; a reader of 7-bit bodies reads these too).
    private final SmileFactory smile = SmileFactory.builder().disable(SmileGenerator.Feature.CHECK_SHARED_NAMES)
            .disable(SmileGenerator.Feature.ENCODE_BINARY_AS_7BIT).disable(StreamWriteFeature.AUTO_CLOSE_CONTENT).build();

    /*
     * The metadata's field and the end of the object, on their own, after a header of their own
     * (Jackson writes raw binary only under a header that says so), which is left out with the
     * object's start: they follow the shared part. Nothing to share: "meta" comes after every
     * other name and string.
     */
    private final SmileFactory tail = SmileFactory.builder().disable(SmileGenerator.Feature.CHECK_SHARED_NAMES)
            .disable(SmileGenerator.Feature.ENCODE_BINARY_AS_7BIT).build();
    private static final int TAIL_SKIP = 5; // the header ':' ')' '\n' flags, then START_OBJECT
    private static final byte SMILE_START_OBJECT = (byte) 0xFA;

    /** The sender's name as it sends: null, none written. */
    private final Supplier<String> by;

    /** A codec that writes no sender's name (reading is the same). */
    WireCodec() {
        this(() -> null);
    }

    /** @param by the sending node's name now, written into every body */
    WireCodec(Supplier<String> by) {
        this.by = by;
    }

    byte[] encode(Event.MessageSent sent, NodeId destination) {
        return withMeta(shared(Shared.of(sent, by.get())), metadata(sent, destination));
    }

    /**
     * Hands each destination of {@code sent} its body as soon as it is encoded, so the first copy
     * can be on its way while the others are encoded; what they have in common is encoded once.
     * Nothing is handed over unless every destination has its metadata.
     */
    void encodeEach(Event.MessageSent sent, BiConsumer<NodeId, byte[]> body) {
        for (NodeId d : sent.destinations()) {
            if (!sent.meta().containsKey(d)) {
                throw new IllegalArgumentException(d + " is not a destination of " + sent.id());
            }
        }
        byte[] shared = shared(Shared.of(sent, by.get()));
        for (NodeId d : sent.destinations()) {
            body.accept(d, withMeta(shared, metadata(sent, d)));
        }
    }

    private static byte[] metadata(Event.MessageSent sent, NodeId destination) {
        List<Dependency> meta = sent.meta().get(destination);
        if (meta == null) {
            throw new IllegalArgumentException(destination + " is not a destination of " + sent.id());
        }
        return MetadataCodec.encode(meta);
    }

    /** What every destination's body of one message holds alike (all but the metadata). */
    private record Shared(String id, String[] dests, String kind, String to, String text, String group, String change,
                          long sentAt, String name, String by) {
        static Shared of(Event.MessageSent sent, String by) {
            String[] dests = new String[sent.destinations().size()];
            int i = 0;
            for (NodeId d : sent.destinations()) {
                dests[i++] = d.value();
            }
            Arrays.sort(dests);
            String id = sent.id().text();
            if (sent.payload() instanceof Payload.Chat c) {
                String to = c.to() instanceof Target.Group g ? "#" + g.name().value() : "@" + ((Target.User) c.to()).id().value();
                return new Shared(id, dests, "chat", to, c.text(), null, null, sent.ts(), null, by);
            }
            if (sent.payload() instanceof Payload.Rename r) {
                return new Shared(id, dests, "rename", null, null, null, null, sent.ts(), r.name(), by);
            }
            Payload.Membership m = (Payload.Membership) sent.payload();
            return new Shared(id, dests, "membership", null, null, m.group().value(), m.change().name(), sent.ts(), null, by);
        }
    }

    /** The object's start and every field but the metadata, the object left open. */
    private byte[] shared(Shared s) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        // Closed, which leaves the object open (the factory does not auto-close content) and gives
        // the generator's buffers back: left unclosed, each message sent cost a new 8 KB buffer
        // and name tables.
        try (JsonGenerator g = smile.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField(V, VERSION);
            g.writeStringField(ID, s.id());
            g.writeArrayFieldStart(DESTS);
            for (String d : s.dests()) {
                g.writeString(d);
            }
            g.writeEndArray();
            g.writeStringField(KIND, s.kind());
            g.writeStringField(TO, s.to());
            g.writeStringField(TEXT, s.text());
            g.writeStringField(GROUP, s.group());
            g.writeStringField(CHANGE, s.change());
            g.writeNumberField(SENT_AT, s.sentAt());
            if (s.name() != null) { // a rename's only: not a byte more on every other message
                g.writeStringField(NAME, s.name());
            }
            if (s.by() != null) {
                g.writeStringField(BY, s.by());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + s.id(), e);
        }
        return out.toByteArray();
    }

    /** {@code shared}, then the metadata field and the object's end. */
    private byte[] withMeta(byte[] shared, byte[] meta) {
        ByteArrayBuilder out = new ByteArrayBuilder(meta.length * 8 / 7 + 16);
        try (JsonGenerator g = tail.createGenerator(out)) {
            g.writeStartObject(); // a field needs an object; its token is left out below, with the header
            g.writeBinaryField(META, meta);
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the metadata", e);
        }
        byte[] tail = out.toByteArray();
        if (tail[0] != ':' || tail[1] != ')' || tail[2] != '\n' || tail[TAIL_SKIP - 1] != SMILE_START_OBJECT) {
            throw new IllegalStateException("the metadata's field did not start with a header and an object");
        }
        byte[] body = Arrays.copyOf(shared, shared.length + tail.length - TAIL_SKIP);
        System.arraycopy(tail, TAIL_SKIP, body, shared.length, tail.length - TAIL_SKIP);
        return body;
    }

    Decoded decode(byte[] bytes) throws MalformedBody {
        Body b;
        try (JsonParser parser = smile.createParser(bytes)) {
            b = new BodyReader(parser).read();
        } catch (IOException | RuntimeException e) {
            // the parser means to throw IOException only, but whatever a peer's bytes make it do is still just a bad body
            throw new MalformedBody("not a message body: " + e.getMessage(), e);
        }
        try {
            MessageId id = MessageId.parse(b.id());
            NodeId[] dests = new NodeId[b.dests().size()];
            for (int i = 0; i < dests.length; i++) {
                dests[i] = NodeId.of(b.dests().get(i));
            }
            List<Dependency> meta = MetadataCodec.decode(b.meta());
            // Set.of, not a HashSet that Incoming would copy again; it refuses an id named twice, which no sender writes
            if (b.by() != null) {
                new Payload.Rename(b.by()); // what a name must be, as a rename's
            }
            return new Decoded(new Incoming<>(id, Set.of(dests), meta, payload(b)), b.sentAt(), b.by());
        } catch (RuntimeException e) {
            throw new MalformedBody("invalid message body: " + e.getMessage(), e);
        }
    }

    private static Payload payload(Body b) {
        switch (b.kind()) {
            case "chat":
                if (b.text() == null || Payload.length(b.text()) > Payload.MAX_TEXT_LENGTH) {
                    throw new IllegalArgumentException("chat text missing or over " + Payload.MAX_TEXT_LENGTH + " characters");
                }
                return new Payload.Chat(target(b.to()), b.text());
            case "membership":
                if (b.group() == null || b.change() == null) {
                    throw new IllegalArgumentException("membership change without a group or a change");
                }
                return new Payload.Membership(new GroupName(b.group()), Payload.Change.valueOf(b.change()));
            case "rename":
                if (b.name() == null) {
                    throw new IllegalArgumentException("rename without a name");
                }
                return new Payload.Rename(b.name());
            default:
                throw new IllegalArgumentException("unknown payload kind " + b.kind());
        }
    }

    private static Target target(String to) {
        if (to == null || to.length() < 2) {
            throw new IllegalArgumentException("no target");
        }
        switch (to.charAt(0)) {
            case '#':
                return new Target.Group(new GroupName(to.substring(1)));
            case '@':
                return new Target.User(new NodeId(to.substring(1)));
            default:
                throw new IllegalArgumentException("target " + to + " is neither #group nor @user");
        }
    }
}

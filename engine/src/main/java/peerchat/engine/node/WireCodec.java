package peerchat.engine.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import peerchat.engine.causal.Incoming;
import peerchat.engine.causal.MetadataCodec;
import peerchat.store.event.Dependency;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.event.Target;

/**
 * The body of a causal message on a link: what one destination is sent of a {@link Event.MessageSent}.
 * Smile, with the KS metadata in its packed form ({@link MetadataCodec}: each node id once, varint
 * timestamps). Decoding validates everything (a peer's bytes are not trusted).
 */
final class WireCodec {
    static final int VERSION = 1;

    /** A decoded body: the copy for the causal core and the sender's send time. */
    record Decoded(Incoming<Payload> message, long sentAt) {
    }

    static final class MalformedBody extends Exception {
        MalformedBody(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // Field names are short: they are on every message.
    record Body(int v, String id, List<String> dests, byte[] meta, String kind, String to, String text,
                String group, String change, long sentAt) {
    }

    private final ObjectMapper mapper;

    WireCodec() {
        // destinations repeat the ids the metadata names: Smile writes each once, then refers to it
        SmileFactory smile = SmileFactory.builder().enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES).build();
        this.mapper = new ObjectMapper(smile);
    }

    byte[] encode(Event.MessageSent sent, NodeId destination) {
        List<Dependency> meta = sent.meta().get(destination);
        if (meta == null) {
            throw new IllegalArgumentException(destination + " is not a destination of " + sent.id());
        }
        Body body = new Body(VERSION, sent.id().text(),
                sent.destinations().stream().map(NodeId::value).sorted().collect(Collectors.toList()),
                MetadataCodec.encode(meta),
                kind(sent.payload()), to(sent.payload()), text(sent.payload()), group(sent.payload()), change(sent.payload()),
                sent.ts());
        try {
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + sent.id(), e);
        }
    }

    Decoded decode(byte[] bytes) throws MalformedBody {
        Body b;
        try {
            b = mapper.readValue(bytes, Body.class);
        } catch (IOException e) {
            throw new MalformedBody("not a message body: " + e.getMessage(), e);
        }
        try {
            if (b.v() != VERSION) {
                throw new IllegalArgumentException("message body version " + b.v() + " (this node reads " + VERSION + ")");
            }
            MessageId id = MessageId.parse(b.id());
            Set<NodeId> dests = b.dests().stream().map(NodeId::new).collect(Collectors.toSet());
            if (b.meta() == null || b.dests() == null) {
                throw new IllegalArgumentException("no destinations or metadata");
            }
            List<Dependency> meta = MetadataCodec.decode(b.meta());
            return new Decoded(new Incoming<>(id, dests, meta, payload(b)), b.sentAt());
        } catch (RuntimeException e) {
            throw new MalformedBody("invalid message body: " + e.getMessage(), e);
        }
    }

    private static Payload payload(Body b) {
        switch (String.valueOf(b.kind())) {
            case "chat":
                if (b.text() == null || b.text().length() > Payload.MAX_TEXT_LENGTH) {
                    throw new IllegalArgumentException("chat text missing or over " + Payload.MAX_TEXT_LENGTH + " characters");
                }
                return new Payload.Chat(target(b.to()), b.text());
            case "membership":
                return new Payload.Membership(new GroupName(b.group()), Payload.Change.valueOf(b.change()));
            default:
                throw new IllegalArgumentException("unknown payload kind " + b.kind());
        }
    }

    private static Target target(String to) {
        if (to == null || to.length() < 2) {
            throw new IllegalArgumentException("no target");
        }
        return to.charAt(0) == '#' ? new Target.Group(new GroupName(to.substring(1))) : new Target.User(new NodeId(to.substring(1)));
    }

    private static String kind(Payload p) {
        return p instanceof Payload.Chat ? "chat" : "membership";
    }

    private static String to(Payload p) {
        if (!(p instanceof Payload.Chat c)) {
            return null;
        }
        return c.to() instanceof Target.Group g ? "#" + g.name().value() : "@" + ((Target.User) c.to()).id().value();
    }

    private static String text(Payload p) {
        return p instanceof Payload.Chat c ? c.text() : null;
    }

    private static String group(Payload p) {
        return p instanceof Payload.Membership m ? m.group().value() : null;
    }

    private static String change(Payload p) {
        return p instanceof Payload.Membership m ? m.change().name() : null;
    }
}

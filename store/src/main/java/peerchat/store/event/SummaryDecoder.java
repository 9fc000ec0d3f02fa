package peerchat.store.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the three message events, which are nearly all of a long log, straight off Jackson's
 * token stream into summaries (causal metadata skipped): the same result as the data-bound
 * summary reader, at a fraction of its per-entry cost, which is what a restart with a million
 * messages waits for. {@code EventCodecTest} and the replay property test hold the two equal.
 */
final class SummaryDecoder {
    private final JsonFactory factory;

    SummaryDecoder(JsonFactory factory) {
        this.factory = factory;
    }

    private MessageId messageId(String text) {
        int dash = text.lastIndexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("not a message id: " + text);
        }
        return new MessageId(NodeId.of(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
    }

    /** The summary, or null when this decoder does not handle {@code type}. */
    Event decode(EventType type, byte[] body, int offset, int length) throws IOException {
        switch (type) {
            case MESSAGE_DELIVERED:
            case MESSAGE_RECEIVED:
            case MESSAGE_SENT:
                break;
            default:
                return null;
        }
        try (JsonParser p = factory.createParser(body, offset, length)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            MessageId id = null;
            long linkSeq = 0;
            Map<NodeId, Long> linkSeqs = Map.of();
            Payload payload = null;
            long ts = 0;
            long sentAt = 0;
            long transmitAt = 0;
            boolean deliveredAtOnce = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id":
                        id = messageId(p.getText());
                        break;
                    case "ts":
                        ts = p.getLongValue();
                        break;
                    case "sentAt":
                        sentAt = p.getLongValue();
                        break;
                    case "transmitAt":
                        transmitAt = p.getLongValue();
                        break;
                    case "deliveredAtOnce":
                        deliveredAtOnce = p.getBooleanValue();
                        break;
                    case "linkSeq":
                        if (value == JsonToken.START_OBJECT) {
                            linkSeqs = linkSeqs(p);
                        } else {
                            linkSeq = p.getLongValue();
                        }
                        break;
                    case "payload":
                        payload = payload(p);
                        break;
                    default:
                        p.skipChildren(); // destinations, meta, and fields a later layout adds
                }
            }
            switch (type) {
                case MESSAGE_DELIVERED:
                    return new Event.MessageDelivered(id, ts);
                case MESSAGE_RECEIVED:
                    return new Event.MessageReceived(id, Set.of(), List.of(), linkSeq, payload, sentAt, ts, deliveredAtOnce);
                default:
                    return new Event.MessageSent(id, Set.of(), Map.of(), linkSeqs, payload, ts, transmitAt);
            }
        }
    }

    private Map<NodeId, Long> linkSeqs(JsonParser p) throws IOException {
        Map<NodeId, Long> seqs = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            NodeId peer = NodeId.of(p.currentName());
            p.nextToken();
            seqs.put(peer, p.getLongValue());
        }
        return seqs;
    }

    private Payload payload(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        String kind = null;
        Target to = null;
        String text = null;
        String group = null;
        String change = null;
        String name = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "k":
                    kind = p.getText();
                    break;
                case "to":
                    to = target(p);
                    break;
                case "text":
                    text = p.getText();
                    break;
                case "group":
                    group = p.getText();
                    break;
                case "change":
                    change = p.getText();
                    break;
                case "name":
                    name = p.getText();
                    break;
                default:
                    p.skipChildren();
            }
        }
        if ("chat".equals(kind)) {
            return new Payload.Chat(to, text);
        }
        if ("member".equals(kind)) {
            return new Payload.Membership(new GroupName(group), Payload.Change.valueOf(change));
        }
        if ("rename".equals(kind)) {
            return new Payload.Rename(name);
        }
        throw new IOException("unknown payload kind " + kind);
    }

    private Target target(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        String kind = null;
        String name = null;
        String id = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "k":
                    kind = p.getText();
                    break;
                case "name":
                    name = p.getText();
                    break;
                case "id":
                    id = p.getText();
                    break;
                default:
                    p.skipChildren();
            }
        }
        if ("group".equals(kind)) {
            return new Target.Group(new GroupName(name));
        }
        if ("user".equals(kind)) {
            return new Target.User(NodeId.of(id));
        }
        throw new IOException("unknown target kind " + kind);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", found " + actual);
        }
    }
}

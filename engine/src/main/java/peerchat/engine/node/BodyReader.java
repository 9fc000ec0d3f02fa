package peerchat.engine.node;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one message body off a parser into a {@link WireCodec.Body}, checking each field's type
 * as it comes: a peer's bytes are not trusted, so whatever is wrong with their shape is a
 * {@link WireCodec.MalformedBody} that names the field. A field given twice is refused (which one
 * would count?), and so is anything after the body.
 *
 * <p>Unknown fields are skipped, not refused: a field that changes what a body means must come
 * with a new version {@code v} (refused, and checked as soon as it is read so that a newer body
 * is reported as that rather than as whatever of its shape differs), so any other field is an
 * addition this node can do without. Refusing it would drop the message for good (a dropped
 * message is acknowledged), and every later message that depends on it would wait forever.
 */
final class BodyReader {
    /** Field i is bit i of {@link #seen}; the first {@link #REQUIRED} must be there, the others may be left out (null). */
    private static final String[] FIELDS = {WireCodec.V, WireCodec.ID, WireCodec.DESTS, WireCodec.META, WireCodec.KIND,
        WireCodec.SENT_AT, WireCodec.TO, WireCodec.TEXT, WireCodec.GROUP, WireCodec.CHANGE, WireCodec.NAME, WireCodec.BY};
    private static final int REQUIRED = 6;

    private final JsonParser p;
    private int seen;

    BodyReader(JsonParser parser) {
        this.p = parser;
    }

    WireCodec.Body read() throws IOException, WireCodec.MalformedBody {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw malformed("not an object but " + found());
        }
        String id = null;
        List<String> dests = null;
        byte[] meta = null;
        String kind = null;
        String to = null;
        String text = null;
        String group = null;
        String change = null;
        String newName = null;
        String by = null;
        long sentAt = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case WireCodec.V -> version(number(0));
                case WireCodec.ID -> id = string(1);
                case WireCodec.DESTS -> dests = strings(2);
                case WireCodec.META -> meta = binary(3);
                case WireCodec.KIND -> kind = string(4);
                case WireCodec.SENT_AT -> sentAt = number(5);
                case WireCodec.TO -> to = stringOrNull(6);
                case WireCodec.TEXT -> text = stringOrNull(7);
                case WireCodec.GROUP -> group = stringOrNull(8);
                case WireCodec.CHANGE -> change = stringOrNull(9);
                case WireCodec.NAME -> newName = stringOrNull(10);
                case WireCodec.BY -> by = stringOrNull(11);
                default -> p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw malformed("more after the body");
        }
        for (int i = 0; i < REQUIRED; i++) {
            if ((seen & 1 << i) == 0) {
                throw malformed("no " + FIELDS[i]);
            }
        }
        return new WireCodec.Body(id, dests, meta, kind, to, text, group, change, sentAt, newName, by);
    }

    private static void version(long v) throws WireCodec.MalformedBody {
        if (v != WireCodec.VERSION) {
            throw new WireCodec.MalformedBody("message body version " + v + " (this node reads " + WireCodec.VERSION + ")", null);
        }
    }

    /** Marks field i as read, once only; returns its name. */
    private String once(int i) throws WireCodec.MalformedBody {
        if ((seen & 1 << i) != 0) {
            throw malformed(FIELDS[i] + " given twice");
        }
        seen |= 1 << i;
        return FIELDS[i];
    }

    private String string(int i) throws IOException, WireCodec.MalformedBody {
        String field = once(i);
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw malformed(field + " is " + found() + ", not a string");
        }
        return p.getText();
    }

    private String stringOrNull(int i) throws IOException, WireCodec.MalformedBody {
        if (p.currentToken() != JsonToken.VALUE_NULL) {
            return string(i);
        }
        once(i);
        return null;
    }

    private long number(int i) throws IOException, WireCodec.MalformedBody {
        String field = once(i);
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw malformed(field + " is " + found() + ", not a whole number");
        }
        return p.getLongValue();
    }

    private byte[] binary(int i) throws IOException, WireCodec.MalformedBody {
        String field = once(i);
        if (p.currentToken() != JsonToken.VALUE_EMBEDDED_OBJECT) {
            throw malformed(field + " is " + found() + ", not binary");
        }
        return p.getBinaryValue();
    }

    private List<String> strings(int i) throws IOException, WireCodec.MalformedBody {
        String field = once(i);
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw malformed(field + " is " + found() + ", not an array");
        }
        List<String> values = new ArrayList<>();
        for (String s = p.nextTextValue(); s != null; s = p.nextTextValue()) {
            values.add(s);
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw malformed(field + " holds " + found() + ", not only strings");
        }
        return values;
    }

    private String found() {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "a number";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case VALUE_EMBEDDED_OBJECT -> "binary";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            default -> t.name();
        };
    }

    private static WireCodec.MalformedBody malformed(String what) {
        return new WireCodec.MalformedBody("invalid message body: " + what, null);
    }
}

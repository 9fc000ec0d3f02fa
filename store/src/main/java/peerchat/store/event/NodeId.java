package peerchat.store.event;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A node's permanent identity: lowercase hex derived from its Ed25519 public key (engine decides
 * the derivation). Ordered by its text, which is how "the lower id dials" is decided.
 */
public record NodeId(String value) implements Comparable<NodeId> {
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{8,64}");

    public NodeId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a node id (8-64 lowercase hex digits): " + value);
        }
    }

    /** The first 8 hex digits: enough to tell two users of the same name apart on screen. */
    public String shortForm() {
        return value.substring(0, 8);
    }

    @Override
    public int compareTo(NodeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

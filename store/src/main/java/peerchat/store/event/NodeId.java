package peerchat.store.event;

import java.util.Objects;

/**
 * A node's permanent identity: lowercase hex derived from its Ed25519 public key (engine decides
 * the derivation). Ordered by its text, which is how "the lower id dials" is decided.
 */
public record NodeId(String value) implements Comparable<NodeId> {
    private static final int MIN_LENGTH = 8;
    private static final int MAX_LENGTH = 64;

    public NodeId {
        Objects.requireNonNull(value, "value");
        if (!isHex(value)) {
            throw new IllegalArgumentException("not a node id (8-64 lowercase hex digits): " + value);
        }
    }

    // A loop, not a regex: ids are checked for every one decoded from the log, millions at startup.
    private static boolean isHex(String value) {
        int n = value.length();
        if (n < MIN_LENGTH || n > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
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

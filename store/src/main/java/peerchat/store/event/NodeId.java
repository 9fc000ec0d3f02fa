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

    /**
     * Ids seen lately, by the hash of their text: the same few ids come in every message (its
     * sender, its destinations, its metadata), and one shared instance is checked once, hashes
     * once and compares by identity. Racy on purpose: a slot holds an immutable id, so a reader
     * sees a whole one or an older one, and a lost write only costs a miss.
     */
    private static final NodeId[] RECENT = new NodeId[1024];

    /** The id {@code value} names: a shared instance when it has been seen lately, else a new one. */
    public static NodeId of(String value) {
        int slot = value.hashCode() & (RECENT.length - 1);
        NodeId seen = RECENT[slot];
        if (seen != null && seen.value.equals(value)) {
            return seen;
        }
        NodeId id = new NodeId(value);
        RECENT[slot] = id;
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof NodeId other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
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

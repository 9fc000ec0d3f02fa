package peerchat.store.event;

import java.util.Objects;

/**
 * A message's id, the same on every node: its sender and the sender's causal clock value at the
 * send (KS gives every message of a sender a distinct, increasing timestamp).
 */
public record MessageId(NodeId sender, long seq) {
    public MessageId {
        Objects.requireNonNull(sender, "sender");
        if (seq < 1) {
            throw new IllegalArgumentException("message seq starts at 1: " + seq);
        }
    }

    /** Text form {@code <sender>-<seq>}, as shown in the JSON output. */
    public String text() {
        return sender.value() + "-" + seq;
    }

    public static MessageId parse(String text) {
        int dash = text.lastIndexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("not a message id: " + text);
        }
        return new MessageId(NodeId.of(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
    }

    @Override
    public String toString() {
        return text();
    }
}

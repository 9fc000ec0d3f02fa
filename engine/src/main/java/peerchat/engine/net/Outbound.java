package peerchat.engine.net;

import java.util.Objects;

/**
 * A message this node sent one peer: its number on that link, the opaque body, and the earliest
 * time (epoch ms, node clock) it may go on the wire ({@code -delay}; 0 = at once).
 */
public record Outbound(long linkSeq, byte[] body, long notBeforeMillis) {
    public Outbound {
        if (linkSeq < 1) {
            throw new IllegalArgumentException("link seqs start at 1: " + linkSeq);
        }
        Objects.requireNonNull(body, "body");
    }
}

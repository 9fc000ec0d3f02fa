package peerchat.engine.net;

import java.util.List;

/**
 * The link seqs received from one peer: everything up to {@code contiguousUpTo}, plus the
 * {@code above} it (ascending). The prefix is what acks carry; {@code above} only serves to drop
 * duplicates of messages that arrived out of order.
 */
public record ReceivedSeqs(long contiguousUpTo, List<Long> above) {
    public static final ReceivedSeqs NONE = new ReceivedSeqs(0, List.of());

    public ReceivedSeqs {
        if (contiguousUpTo < 0) {
            throw new IllegalArgumentException("negative prefix: " + contiguousUpTo);
        }
        above = List.copyOf(above);
        for (long s : above) {
            if (s <= contiguousUpTo + 1) {
                throw new IllegalArgumentException("seq " + s + " belongs in the prefix " + contiguousUpTo);
            }
        }
    }

    public boolean contains(long seq) {
        return seq <= contiguousUpTo || above.contains(seq);
    }
}

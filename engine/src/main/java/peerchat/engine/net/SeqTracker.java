package peerchat.engine.net;

import java.util.ArrayList;
import java.util.TreeSet;

/**
 * The mutable twin of {@link ReceivedSeqs}: which seqs arrived from one peer, so duplicates are
 * dropped and the cumulative ack is known. Synchronized: one peer's receives are sequential but may
 * complete on different threads.
 */
final class SeqTracker {
    private long prefix;
    private final TreeSet<Long> above = new TreeSet<>();
    private final java.util.Set<Long> inFlight = new java.util.HashSet<>();

    SeqTracker(ReceivedSeqs from) {
        prefix = from.contiguousUpTo();
        above.addAll(from.above());
        advance();
    }

    synchronized boolean contains(long seq) {
        return seq <= prefix || above.contains(seq);
    }

    /**
     * Reserves {@code seq} for a receive in progress: false if it is already received or being
     * received (a duplicate, perhaps over a second connection that is about to be closed).
     */
    synchronized boolean claim(long seq) {
        if (contains(seq) || inFlight.contains(seq)) {
            return false;
        }
        inFlight.add(seq);
        return true;
    }

    /** The claimed receive did not complete: the seq may come again. */
    synchronized void abandon(long seq) {
        inFlight.remove(seq);
    }

    synchronized void add(long seq) {
        inFlight.remove(seq);
        if (seq <= prefix) {
            return;
        }
        above.add(seq);
        advance();
    }

    synchronized long prefix() {
        return prefix;
    }

    synchronized ReceivedSeqs snapshot() {
        return new ReceivedSeqs(prefix, new ArrayList<>(above));
    }

    private void advance() {
        while (!above.isEmpty() && above.first() == prefix + 1) {
            prefix = above.pollFirst();
        }
    }
}

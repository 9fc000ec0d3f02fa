package peerchat.store.projection;

/**
 * The link sequence numbers received from one sender: all of 1..{@code contiguous}, plus
 * {@code above} (ascending, each greater than {@code contiguous + 1}).
 */
public record ReceivedSeqs(long contiguous, long[] above) {
    public ReceivedSeqs {
        above = above.clone();
    }

    public static final ReceivedSeqs NONE = new ReceivedSeqs(0, new long[0]);

    public boolean contains(long seq) {
        if (seq >= 1 && seq <= contiguous) {
            return true;
        }
        return java.util.Arrays.binarySearch(above, seq) >= 0;
    }

    @Override
    public long[] above() {
        return above.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceivedSeqs && ((ReceivedSeqs) o).contiguous == contiguous
                && java.util.Arrays.equals(((ReceivedSeqs) o).above, above);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(contiguous) * 31 + java.util.Arrays.hashCode(above);
    }

    @Override
    public String toString() {
        return "ReceivedSeqs[1.." + contiguous + " + " + java.util.Arrays.toString(above) + "]";
    }
}

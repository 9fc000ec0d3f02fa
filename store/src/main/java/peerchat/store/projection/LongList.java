package peerchat.store.projection;

import java.util.Arrays;

/** A growable array of primitive longs: projections keep millions of log indexes without boxing. */
final class LongList {
    private long[] values;
    private int size;

    LongList(int capacity) {
        values = new long[Math.max(capacity, 4)];
    }

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size + (size >> 1) + 1);
        }
        values[size++] = value;
    }

    long get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    /** Drops the first {@code n} values. */
    void dropFirst(int n) {
        System.arraycopy(values, n, values, 0, size - n);
        size -= n;
    }

    /** Number of values below {@code key} (the list being ascending). */
    int countBelow(long key) {
        int i = Arrays.binarySearch(values, 0, size, key);
        return i >= 0 ? i : -i - 1;
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}

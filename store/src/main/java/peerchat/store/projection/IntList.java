package peerchat.store.projection;

import java.util.Arrays;

/** A growable array of primitive ints, sorted by construction where the caller adds in order. */
final class IntList {
    private int[] values;
    private int size;

    IntList(int capacity) {
        values = new int[Math.max(capacity, 4)];
    }

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size + (size >> 1) + 1);
        }
        values[size++] = value;
    }

    int get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    /** Number of values below {@code key} (the list being ascending). */
    int countBelow(int key) {
        int i = Arrays.binarySearch(values, 0, size, key);
        return i >= 0 ? i : -i - 1;
    }
}

package peerchat.store.event;

import java.util.Locale;
import java.util.Objects;

/**
 * A group's name: case-insensitive (stored lower-case), 1-32 of letters, digits, '_' and '-',
 * starting with a letter or digit. {@code all} is the group everyone is always in.
 */
public record GroupName(String value) implements Comparable<GroupName> {
    public static final int MAX_LENGTH = 32;
    public static final GroupName ALL = new GroupName("all");

    public GroupName {
        Objects.requireNonNull(value, "value");
        value = value.toLowerCase(Locale.ROOT);
        if (!hasForm(value)) {
            throw new IllegalArgumentException("a group name is 1-" + MAX_LENGTH
                    + " letters, digits, '_' or '-', starting with a letter or digit: " + value);
        }
    }

    public static boolean isValid(String text) {
        return text != null && hasForm(text.toLowerCase(Locale.ROOT));
    }

    // The form [a-z0-9][a-z0-9_-]{0,31}, as a loop: names are checked for every message decoded from the log.
    private static boolean hasForm(String value) {
        int n = value.length();
        if (n < 1 || n > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean alnum = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!alnum && (i == 0 || c != '_' && c != '-')) {
                return false;
            }
        }
        return true;
    }

    public boolean isAll() {
        return this.equals(ALL);
    }

    @Override
    public int compareTo(GroupName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

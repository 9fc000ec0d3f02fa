package peerchat.store.event;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A group's name: case-insensitive (stored lower-case), 1-32 of letters, digits, '_' and '-',
 * starting with a letter or digit. {@code all} is the group everyone is always in.
 */
public record GroupName(String value) implements Comparable<GroupName> {
    public static final int MAX_LENGTH = 32;
    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    // After FORM: static fields initialise in order, and the constructor needs FORM.
    public static final GroupName ALL = new GroupName("all");

    public GroupName {
        Objects.requireNonNull(value, "value");
        value = value.toLowerCase(Locale.ROOT);
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a group name is 1-" + MAX_LENGTH
                    + " letters, digits, '_' or '-', starting with a letter or digit: " + value);
        }
    }

    public static boolean isValid(String text) {
        return text != null && FORM.matcher(text.toLowerCase(Locale.ROOT)).matches();
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

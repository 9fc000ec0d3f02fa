package peerchat.ui.swing.presenter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lines sent from the compose box in this run, recalled with Up and Down as in the terminal:
 * Up on an empty box (or on a line it recalled, unchanged) gives the one before; Down walks back
 * towards the newest and then an empty box. A line being typed is never replaced. Not thread-safe:
 * the EDT's.
 */
public final class ComposeHistory {
    private static final int MAX = 500;
    private final List<String> lines = new ArrayList<>();
    /** Where Up and Down are: {@code lines.size()} when nothing is recalled. */
    private int at;

    public void add(String line) {
        if (lines.isEmpty() || !lines.get(lines.size() - 1).equals(line)) {
            lines.add(line);
            if (lines.size() > MAX) {
                lines.remove(0);
            }
        }
        at = lines.size();
    }

    /** The line to show for Up, if the box holds nothing of the user's own. */
    public Optional<String> previous(String shown) {
        if (!untouched(shown) || at == 0) {
            return Optional.empty();
        }
        at--;
        return Optional.of(lines.get(at));
    }

    /** The line to show for Down: a newer one, or the empty box after the newest. */
    public Optional<String> next(String shown) {
        if (!untouched(shown) || at == lines.size()) {
            return Optional.empty();
        }
        at++;
        return Optional.of(at == lines.size() ? "" : lines.get(at));
    }

    private boolean untouched(String shown) {
        return at == lines.size() ? shown.isEmpty() : shown.equals(lines.get(at));
    }
}

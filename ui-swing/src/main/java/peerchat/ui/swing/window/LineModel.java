package peerchat.ui.swing.window;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.swing.AbstractListModel;
import peerchat.ui.swing.presenter.Line;

/** The transcript's lines, changed in blocks (a whole page at once) so the list lays out once per page. */
final class LineModel extends AbstractListModel<Line> {
    private static final long serialVersionUID = 1L;
    private final List<Line> lines = new ArrayList<>();

    @Override
    public int getSize() {
        return lines.size();
    }

    @Override
    public Line getElementAt(int index) {
        return lines.get(index);
    }

    void replace(List<Line> all) {
        int old = lines.size();
        lines.clear();
        if (old > 0) {
            fireIntervalRemoved(this, 0, old - 1);
        }
        lines.addAll(all);
        if (!all.isEmpty()) {
            fireIntervalAdded(this, 0, all.size() - 1);
        }
    }

    void append(Line line) {
        lines.add(line);
        fireIntervalAdded(this, lines.size() - 1, lines.size() - 1);
    }

    void change(UnaryOperator<Line> change) {
        for (int i = 0; i < lines.size(); i++) {
            Line now = change.apply(lines.get(i));
            if (now != lines.get(i)) {
                lines.set(i, now);
                fireContentsChanged(this, i, i);
            }
        }
    }

    /** Where the divider is; -1 if there is none. */
    int dividerIndex() {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).kind() == Line.Kind.DIVIDER) {
                return i;
            }
        }
        return -1;
    }

    /** The divider, if there is one, goes just before the line of message {@code beforeId}, if that is here. */
    void moveDivider(String beforeId) {
        int from = -1;
        int to = -1;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (l.kind() == Line.Kind.DIVIDER) {
                from = i;
            } else if (l.kind() == Line.Kind.MESSAGE && l.id().equals(beforeId)) {
                to = i;
            }
        }
        if (from < 0 || to < 0 || to == from + 1) {
            return;
        }
        Line divider = lines.remove(from);
        fireIntervalRemoved(this, from, from);
        int at = to > from ? to - 1 : to;
        lines.add(at, divider);
        fireIntervalAdded(this, at, at);
    }

    void prepend(List<Line> older) {
        if (!older.isEmpty()) {
            lines.addAll(0, older);
            fireIntervalAdded(this, 0, older.size() - 1);
        }
    }
}

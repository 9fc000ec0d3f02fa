package peerchat.ui.swing.presenter;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What copying transcript lines puts on the clipboard: one message is its text, as the user
 * would paste it elsewhere; several keep who and when, one entry a line ({@code 15:02 bob: text},
 * a message's own further lines indented under it). Pure.
 */
public final class LineText {
    private LineText() {
    }

    public static String of(List<Line> lines) {
        if (lines.size() == 1) {
            return lines.get(0).shownText();
        }
        return lines.stream().map(LineText::entry).collect(Collectors.joining("\n"));
    }

    private static String entry(Line l) {
        if (l.kind() == Line.Kind.DIVIDER) {
            return "-- " + l.text() + " --";
        }
        if (l.action()) {
            return l.time() + " " + l.shownText().replace("\n", "\n    ");
        }
        String who = l.kind() == Line.Kind.NOTICE ? "peerchat" : l.from();
        return l.time() + " " + who + ": " + l.text().replace("\n", "\n    ");
    }
}

package peerchat.ui.swing.presenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoticesTest {
    private static Line message(long cursor) {
        return new Line(Line.Kind.MESSAGE, "m" + cursor, "bob", "15:02", "m" + cursor, false, false, false, cursor, false);
    }

    private static List<String> texts(List<Line> lines) {
        return lines.stream().map(Line::text).toList();
    }

    @Test
    void aTranscriptReadAgainHasEachNoticeAfterTheMessagesShownBeforeIt() {
        Notices notices = new Notices();
        notices.add(Line.notice("15:00", "before any"), false, Long.MIN_VALUE);
        notices.add(Line.notice("15:01", "after 2"), false, 2);
        notices.add(Line.notice("15:02", "after 2 too"), false, 1);
        notices.add(Line.notice("15:03", "while a page came"), true, 2);
        notices.pageCame(5);

        assertThat(texts(notices.placedAmong(List.of(message(1), message(3), message(5), message(6))))).containsExactly(
                "before any", "m1", "after 2", "after 2 too", "m3", "m5", "while a page came", "m6");
        notices.clear();
        assertThat(texts(notices.placedAmong(List.of(message(1))))).containsExactly("m1");
    }
}

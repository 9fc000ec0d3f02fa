package peerchat.ui.swing.presenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineTextTest {
    private static Line message(String from, String text) {
        return new Line(Line.Kind.MESSAGE, from + "-1", from, "15:02", text, false, false, false, 1, false);
    }

    @Test
    void oneLineIsItsTextAlone() {
        assertThat(LineText.of(List.of(message("bob", "see http://x/y\nthen")))).isEqualTo("see http://x/y\nthen");
    }

    @Test
    void severalKeepWhoAndWhenOneEntryALine() {
        assertThat(LineText.of(List.of(message("bob", "one\ntwo"), Line.notice("15:03", "created #dev"), message("ann", "ok"))))
                .isEqualTo("15:02 bob: one\n    two\n15:03 peerchat: created #dev\n15:02 ann: ok");
    }

    @Test
    void anActionReadsAsOneWithItsSender() {
        Line wave = new Line(Line.Kind.MESSAGE, "bob-2", "bob", "15:04", "waves", false, false, false, 2, true);
        assertThat(LineText.of(List.of(wave))).isEqualTo("* bob waves");
        assertThat(LineText.of(List.of(message("ann", "hi"), wave))).isEqualTo("15:02 ann: hi\n15:04 * bob waves");
    }
}

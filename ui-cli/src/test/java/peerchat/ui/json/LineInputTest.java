package peerchat.ui.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class LineInputTest {
    @Test
    void splitsOnNewlinesAndDropsCarriageReturns() throws Exception {
        LineInput in = new LineInput(new StringReader("one\r\ntwo\n\nlast"), 10);
        assertThat(in.next()).isEqualTo(new LineInput.Line("one", false));
        assertThat(in.next()).isEqualTo(new LineInput.Line("two", false));
        assertThat(in.next()).isEqualTo(new LineInput.Line("", false));
        assertThat(in.next()).isEqualTo(new LineInput.Line("last", false));
        assertThat(in.next()).isNull();
    }

    @Test
    void aLineOverTheLimitIsReportedAndSkippedWhole() throws Exception {
        LineInput in = new LineInput(new StringReader("x".repeat(25) + "\nok\n"), 10);
        assertThat(in.next()).isEqualTo(new LineInput.Line("", true));
        assertThat(in.next()).isEqualTo(new LineInput.Line("ok", false));
        assertThat(in.next()).isNull();
    }

    @Test
    void exactlyTheLimitIsFine() throws Exception {
        LineInput in = new LineInput(new StringReader("x".repeat(10) + "\n"), 10);
        assertThat(in.next()).isEqualTo(new LineInput.Line("x".repeat(10), false));
    }

    @Test
    void emptyInputHasNoLines() throws Exception {
        assertThat(new LineInput(new StringReader(""), 10).next()).isNull();
    }
}

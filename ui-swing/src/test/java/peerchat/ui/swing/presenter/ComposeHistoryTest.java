package peerchat.ui.swing.presenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComposeHistoryTest {
    private final ComposeHistory history = new ComposeHistory();

    @Test
    void upAndDownWalkTheSentLinesFromTheNewest() {
        history.add("-lu");
        history.add("hello");
        assertThat(history.previous("")).contains("hello");
        assertThat(history.previous("hello")).contains("-lu");
        assertThat(history.previous("-lu")).as("the oldest").isEmpty();
        assertThat(history.next("-lu")).contains("hello");
        assertThat(history.next("hello")).contains("");
        assertThat(history.next("")).isEmpty();
    }

    @Test
    void aLineBeingTypedIsNeverReplaced() {
        history.add("hello");
        assertThat(history.previous("half typ")).isEmpty();
        assertThat(history.previous("")).contains("hello");
        assertThat(history.previous("hello, edited")).as("a recalled line the user changed").isEmpty();
        assertThat(history.next("hello, edited")).isEmpty();
    }

    @Test
    void sendingAgainStartsFromTheNewestAndRepeatsAreOneEntry() {
        history.add("a");
        history.add("b");
        assertThat(history.previous("")).contains("b");
        history.add("b");
        assertThat(history.previous("")).contains("b");
        assertThat(history.previous("b")).contains("a");
        assertThat(history.next("a")).isEqualTo(Optional.of("b"));
    }
}

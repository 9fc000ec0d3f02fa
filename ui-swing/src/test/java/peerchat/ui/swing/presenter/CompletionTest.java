package peerchat.ui.swing.presenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionTest {
    private static final List<String> USERS = List.of("bob", "bobby", "cyd", "alice@10.0.0.4", "alice@10.0.0.5");
    private static final List<String> GROUPS = List.of("all", "dev", "design");

    private static Completion at(String text, int caret) {
        return Completion.of(text, caret, USERS, GROUPS);
    }

    @Test
    void oneMatchIsWrittenOutWithASpace() {
        assertThat(at("hi @cy", 6)).isEqualTo(new Completion("hi @cyd ", 8, List.of()));
        assertThat(at("#al", 3)).isEqualTo(new Completion("#all ", 5, List.of()));
        assertThat(at("cy", 2)).as("a bare name, as in IRC").isEqualTo(new Completion("cyd ", 4, List.of()));
        assertThat(at("-creat", 6)).isEqualTo(new Completion("-creategroup ", 13, List.of()));
    }

    @Test
    void severalAreCompletedAsFarAsTheyAgreeAndListed() {
        assertThat(at("@b", 2)).isEqualTo(new Completion("@bob", 4, List.of("@bob", "@bobby")));
        assertThat(at("@ali", 4)).isEqualTo(new Completion("@alice@10.0.0.", 14, List.of("@alice@10.0.0.4", "@alice@10.0.0.5")));
        assertThat(at("#de", 3)).isEqualTo(new Completion("#de", 3, List.of("#design", "#dev")));
    }

    @Test
    void theWordBeforeTheCaretIsCompletedAndTheRestKept() {
        assertThat(at("@b and more", 2)).isEqualTo(new Completion("@bob and more", 4, List.of("@bob", "@bobby")));
        assertThat(at("ask @CY now", 7)).as("the space already there is the one after it").isEqualTo(new Completion("ask @cyd now", 9, List.of()));
    }

    @Test
    void nothingToCompleteChangesNothing() {
        assertThat(at("@zz", 3)).isEqualTo(new Completion("@zz", 3, List.of()));
        assertThat(at("hi ", 3)).isEqualTo(new Completion("hi ", 3, List.of()));
        assertThat(at("", 0)).isEqualTo(new Completion("", 0, List.of()));
        assertThat(at("say -lu", 7)).as("a command only first on the line").isEqualTo(new Completion("say -lu", 7, List.of()));
    }
}

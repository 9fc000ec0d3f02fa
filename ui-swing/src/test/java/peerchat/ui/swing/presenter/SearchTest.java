package peerchat.ui.swing.presenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SearchTest {
    private static final List<String> NAMES = List.of("alban", "Bob", "dal", "Al", "malachite", "zed");

    @Test
    void exactThenPrefixThenSubstringIgnoringCase() {
        assertThat(Search.rank(NAMES, Function.identity(), "AL")).containsExactly("Al", "alban", "dal", "malachite");
    }

    @Test
    void keepsTheInputOrderWithinARank() {
        assertThat(Search.rank(List.of("xbob", "abob", "bob2", "bob1"), Function.identity(), "bob"))
                .containsExactly("bob2", "bob1", "xbob", "abob");
    }

    @Test
    void anEmptyOrBlankQueryShowsEverything() {
        assertThat(Search.rank(NAMES, Function.identity(), "")).isEqualTo(NAMES);
        assertThat(Search.rank(NAMES, Function.identity(), "  ")).isEqualTo(NAMES);
        assertThat(Search.rank(NAMES, Function.identity(), null)).isEqualTo(NAMES);
    }

    @Test
    void noMatchIsAnEmptyList() {
        assertThat(Search.rank(NAMES, Function.identity(), "qq")).isEmpty();
    }
}

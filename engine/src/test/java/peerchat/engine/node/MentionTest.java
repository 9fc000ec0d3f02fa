package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MentionTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Alice, look at this", "thanks @alice!", "ask ALICE.", "is that alice's?",
            "(alice)", "bob and alice", "first line\nalice: second"})
    void aNameAsAWordOfItsOwnIsAMention(String text) {
        assertThat(Mention.of(text, "alice")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"malice", "alicex", "alice-bot is down", "alice_2", "ali ce", "", "al"})
    void aNameInsideAnotherWordIsNot(String text) {
        assertThat(Mention.of(text, "alice")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"_", ""})
    void aNameWithNothingVisibleIsNeverMentioned(String name) {
        assertThat(Mention.of("_ x _", name)).isFalse();
    }
}

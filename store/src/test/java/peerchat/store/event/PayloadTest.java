package peerchat.store.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** No payload the log cannot hold can be made: it would reach the causal core before the log refused it. */
class PayloadTest {
    private static final Target ALL = new Target.Group(new GroupName("all"));

    @Test
    void halfOfASurrogatePairHasNoUtf8FormAndIsRefused() {
        for (String broken : new String[] {"\uD800", "a\uDFFFb", "end \uD83D", "\uDE00 start"}) {
            assertThatThrownBy(() -> new Payload.Chat(ALL, broken)).hasMessage(Payload.BROKEN_CHARACTER);
            assertThatThrownBy(() -> new Payload.Rename(broken)).hasMessage(Payload.BROKEN_CHARACTER);
        }
    }

    @Test
    void pairedSurrogatesAreCharactersLikeAnyOther() {
        assertThat(new Payload.Chat(ALL, "\uD83D\uDE00 ok \uD83D\uDE00").text()).hasSize(8);
        assertThat(new Payload.Rename("x\uD83D\uDE00").name()).isEqualTo("x\uD83D\uDE00");
    }
}

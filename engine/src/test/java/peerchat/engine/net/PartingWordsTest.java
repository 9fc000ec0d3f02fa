package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PartingWordsTest {

    @Test
    void wordsAreStrippedAndRefusedWhenTooLongOrBroken() {
        assertThat(PartingWords.check("  see you  ")).isEqualTo("see you");
        assertThat(PartingWords.check(null)).isEmpty();
        assertThat(PartingWords.check("\uD83D\uDE00".repeat(160))).hasSize(320); // characters as a person counts them
        assertThatThrownBy(() -> PartingWords.check("x".repeat(161)))
                .hasMessage("parting words are at most 160 characters (these are 161)");
        assertThatThrownBy(() -> PartingWords.check("bye \uD800")).hasMessageContaining("broken character");
    }

    /** What another node sends is shown on one line, cut, with nothing that takes over the terminal or reorders the line. */
    @Test
    void aPeersWordsAreSaidOnOneLineWithoutControls() {
        assertThat(PartingWords.reason("")).isEqualTo("quit");
        assertThat(PartingWords.reason(" \t ")).isEqualTo("quit");
        assertThat(PartingWords.reason("see you\ntomorrow")).isEqualTo("quit: see you tomorrow");
        assertThat(PartingWords.reason("\u001b[2Jgone \u202Eexe.png")).isEqualTo("quit: ?[2Jgone ?exe.png");
        assertThat(PartingWords.reason("y".repeat(200))).isEqualTo("quit: " + "y".repeat(160));
    }
}

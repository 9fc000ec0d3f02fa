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

    /** An accent written after its letter, and an emoji joined of several, are one character each, as a person counts. */
    @Test
    void whatJoinsOntoACharacterIsNotCountedButTheFrameStillHoldsTheWords() {
        String accented = "e\u0301"; // é as e and a combining accent
        assertThat(PartingWords.check(accented.repeat(160))).hasSize(320);
        assertThatThrownBy(() -> PartingWords.check(accented.repeat(161)))
                .hasMessage("parting words are at most 160 characters (these are 161)");
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // man ZWJ woman ZWJ girl: 18 bytes of UTF-8
        assertThat(PartingWords.check(family.repeat(35))).isNotEmpty();
        assertThatThrownBy(() -> PartingWords.check(family.repeat(36)))
                .hasMessage("parting words are at most 640 bytes of UTF-8 (these are 648: emoji and accented letters take several)");
        assertThat(WireConstants.MAX_PARTING_BYTES).as("what the BYE frame takes").isEqualTo(PartingWords.MAX_BYTES);
    }

    /** What another node sends is shown on one line, cut, with nothing that takes over the terminal or reorders the line. */
    @Test
    void aPeersWordsAreSaidOnOneLineWithoutControls() {
        assertThat(PartingWords.reason("")).isEqualTo("quit");
        assertThat(PartingWords.reason(" \t ")).isEqualTo("quit");
        assertThat(PartingWords.reason("see you\ntomorrow")).isEqualTo("quit: see you tomorrow");
        assertThat(PartingWords.reason("\u001b[2Jgone \u202Eexe.png")).isEqualTo("quit: ?[2Jgone ?exe.png");
        assertThat(PartingWords.reason("y".repeat(200))).isEqualTo("quit: " + "y".repeat(160));
        // The joiners shape emoji and some scripts: shown, not '?'. The cut keeps a last letter's accent.
        assertThat(PartingWords.reason("bye \uD83D\uDC4B\u200D\uD83D\uDD25 \u0645\u06CC\u200C\u0631\u0648\u0645"))
                .isEqualTo("quit: bye \uD83D\uDC4B\u200D\uD83D\uDD25 \u0645\u06CC\u200C\u0631\u0648\u0645");
        assertThat(PartingWords.reason("e\u0301".repeat(161))).isEqualTo("quit: " + "e\u0301".repeat(160));
    }
}

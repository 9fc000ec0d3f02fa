package peerchat.ui.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PaletteTest {
    @Test
    void colourOnARealTerminal() {
        assertThat(Palette.choose("xterm-256color", Map.of()).isColour()).isTrue();
        assertThat(Palette.choose("screen", Map.of("NO_COLOR", "")).isColour()).isTrue();
    }

    @Test
    void noColourWhenNotATerminalOrNoColorIsSet() {
        assertThat(Palette.choose("dumb", Map.of()).isColour()).isFalse();
        assertThat(Palette.choose("dumb-color", Map.of()).isColour()).isFalse();
        assertThat(Palette.choose(null, Map.of()).isColour()).isFalse();
        assertThat(Palette.choose("xterm", Map.of("NO_COLOR", "1")).isColour()).isFalse();
    }

    @Test
    void textFromPeersCannotDrawOnTheTerminal() {
        assertThat(Palette.plain().plain("hi\u001b[2J\nbob: fake\r\u0007").toString()).isEqualTo("hi?[2J bob: fake ?");
        assertThat(Palette.colour().name("eve\u001b]0;owned\u0007", false).toString()).isEqualTo("eve?]0;owned?");
        // Line and paragraph separators break lines in some terminals and in a copy of the screen (QA).
        assertThat(Palette.plain().plain("a\u2028bob: fake\u2029c").toString()).isEqualTo("a bob: fake c");
    }

    @Test
    void textFromPeersCannotReorderTheLineInABidiTerminal() {
        assertThat(Palette.plain().plain("rtl \u202egnp.exe\u202c").toString()).isEqualTo("rtl ?gnp.exe?");
        assertThat(Palette.plain().plain("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069").toString()).isEqualTo("?".repeat(9));
        assertThat(Palette.plain().plain("שלום\u200f!").toString()).as("a mark only places punctuation").isEqualTo("שלום\u200f!");
    }
}

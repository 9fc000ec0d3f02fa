package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShownNameTest {

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource({
            "\u0430lice, alice",             // Cyrillic а
            "\u0410LICE, alice",             // Cyrillic А, and case
            "\u0412\u043E\u0432, bob",        // Cyrillic В о в
            "\u0440\u0435t\u0435r, peter",     // Cyrillic р е е
            "\u039C\u0391RY, mary",           // Greek Μ Α
            "bilI, bill",                    // capital I for l
            "b1ll, bill",
            "Ivan, ivan",                    // capital I is still an i to case
            "rnary, mary",
            "\uFF41lice, alice",             // fullwidth, by NFKC
            "j0hn, john",
            "\u0440\u0430\u0443, pay",         // all Cyrillic
            "AL\u0130CE, alice",             // Turkish dotted capital I
            "ALIC\u0116, alice",             // an accent
            "Jos\u00E9, jose",
            "\u1D00lice, alice",             // Latin small capital A
            "ca\u0433ol, carol",             // Cyrillic г
    })
    void namesThatLookAlikeHaveOneKey(String lookAlike, String name) {
        assertThat(ShownName.key(lookAlike)).isEqualTo(ShownName.key(name));
    }

    @ParameterizedTest(name = "{0} and {1} stay apart")
    @CsvSource({
            "bob, rob",
            "alice, alica",
            "mary, marv",
            "\u043B\u0435\u043D\u0430, lena", // Cyrillic лена does not look like lena
            "bob\uD83D\uDE00, bob\uD83C\uDF89",  // emoji are kept as they are
    })
    void namesThatDoNotLookAlikeKeepApart(String one, String other) {
        assertThat(ShownName.key(one)).isNotEqualTo(ShownName.key(other));
    }

    /** A name a Swing label would draw as HTML (a remote image, spoofed formatting): not from a peer, not taken here. */
    @Test
    void aNameNeverStartsLikeHtml() {
        assertThat(ShownName.of("<html><img src='http://203.0.113.9/x.png'>")).isEqualTo("_html><img_src='http://203.0.113"); // cut at 32
        assertThat(ShownName.of("a<b")).isEqualTo("a<b");
        assertThatThrownBy(() -> peerchat.engine.api.DisplayName.check("<html>bob"))
                .hasMessage("a name cannot start with @ # - / or <: <html>bob");
    }

    /** A refused name is never echoed as it is: an escape sequence in it would act on the terminal showing the error. */
    @Test
    void aNameWithControlCharactersIsRefusedWithThemWrittenOut() {
        assertThatThrownBy(() -> peerchat.engine.api.DisplayName.check("ev\u001b[2Jil"))
                .hasMessage("a name cannot hold control characters: 'ev\\u001b[2Jil'");
        assertThatThrownBy(() -> peerchat.engine.api.DisplayName.check("a\u0007 b"))
                .hasMessage("a name cannot hold control characters: 'a\\u0007 b'");
        assertThatThrownBy(() -> peerchat.engine.api.DisplayName.check("a b"))
                .hasMessage("a name is one word, without spaces: 'a b'");
        assertThatThrownBy(() -> peerchat.engine.api.DisplayName.check("x".repeat(30) + "\u202e" + "abc"))
                .hasMessage("the name is longer than 32 characters: " + "x".repeat(30) + "\\u202eabc");
    }
}

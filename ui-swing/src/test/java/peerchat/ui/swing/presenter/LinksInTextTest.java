package peerchat.ui.swing.presenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.util.List;

import org.junit.jupiter.api.Test;

class LinksInTextTest {

    @Test
    void linksAreFoundWithoutTheSentenceAroundThem() {
        assertThat(LinksInText.of("see https://example.org/a?b=1. and (http://x.y/z), or \"https://q.r/\"!"))
                .containsExactly("https://example.org/a?b=1", "http://x.y/z", "https://q.r/");
        assertThat(LinksInText.of("https://en.wikipedia.org/wiki/Lamport_(disambiguation)."))
                .containsExactly("https://en.wikipedia.org/wiki/Lamport_(disambiguation)");
        assertThat(LinksInText.of("HTTPS://A.B/c\nnext line https://a.b/c, again https://a.b/c"))
                .containsExactly("HTTPS://A.B/c", "https://a.b/c");
    }

    @Test
    void aLinkIsOpenedAsWrittenOrWithWhatAUriCannotHoldEncoded() throws Exception {
        assertThat(LinksInText.uri("https://example.org/a?b=1&c=%20d#top").toString()).isEqualTo("https://example.org/a?b=1&c=%20d#top");
        assertThat(LinksInText.uri("http://[::1]:8080/x").getHost()).isEqualTo("[::1]");
        assertThat(LinksInText.uri("https://grafana.test/d?var=a|b&q={x}^\\y%zz#f#g").toString())
                .isEqualTo("https://grafana.test/d?var=a%7Cb&q=%7Bx%7D%5E%5Cy%25zz#f%23g");
        assertThat(LinksInText.uri("https://x.test/ä b|").toASCIIString()).isEqualTo("https://x.test/%C3%A4%20b%7C");
    }

    @Test
    void eachLinkIsFoundWhereItIsRepeatsToo() {
        String text = "see https://a.b/c, again https://a.b/c.";
        assertThat(LinksInText.spans(text)).containsExactly(new LinksInText.Span(4, 17, "https://a.b/c"),
                new LinksInText.Span(25, 38, "https://a.b/c"));
        assertThat(text.substring(25, 38)).isEqualTo("https://a.b/c");
    }

    @Test
    void onlyWebLinksAreLinksAndOnlyTheyAreOpened() {
        assertThat(LinksInText.spans("file:///etc/passwd javascript:alert(1) data:text/html,x ftp://x.y mailto:a@b.c")).isEmpty();
        // What follows another scheme's name is a web link of its own, and only it is one.
        assertThat(LinksInText.of("javascript:http://x.y/z")).containsExactly("http://x.y/z");
        for (String other : List.of("javascript:alert(1)", "file:///etc/passwd", "ftp://x.y/", "jar:http://x.y/a!/b", "//x.y/z")) {
            assertThatThrownBy(() -> LinksInText.uri(other)).as(other).isInstanceOf(URISyntaxException.class);
        }
    }

    @Test
    void aLinkEndsWhereSomethingInvisibleWouldMakeItAnotherThanTheOneRead() {
        assertThat(LinksInText.of("https://paypa\u200Bl.test/login")).containsExactly("https://paypa");
        assertThat(LinksInText.of("https://x.test/\u202Egpj.exe")).containsExactly("https://x.test/");
        assertThat(LinksInText.of("https://x.test/a\u00A0b https://y.test/\u0007")).containsExactly("https://x.test/a", "https://y.test/");
    }

    @Test
    void noLinkNoEntry() {
        assertThat(LinksInText.of("no link here, nor in http:// alone or ftp://x.y")).isEmpty();
    }
}

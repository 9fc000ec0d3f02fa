package peerchat.ui.swing.presenter;

import static org.assertj.core.api.Assertions.assertThat;

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
    void noLinkNoEntry() {
        assertThat(LinksInText.of("no link here, nor in http:// alone or ftp://x.y")).isEmpty();
    }
}

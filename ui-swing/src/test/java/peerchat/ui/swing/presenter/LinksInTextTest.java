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
    void noLinkNoEntry() {
        assertThat(LinksInText.of("no link here, nor in http:// alone or ftp://x.y")).isEmpty();
    }
}

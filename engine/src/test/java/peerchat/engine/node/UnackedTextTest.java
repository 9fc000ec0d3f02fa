package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UnackedTextTest {

    @Test
    void nothingUnackedSaysNothing() {
        assertThat(UnackedText.of(Map.of(), DirectoryTest.directory())).isEmpty();
        assertThat(UnackedText.of(Map.of(DirectoryTest.BOB, 0), DirectoryTest.directory())).isEmpty();
    }

    @Test
    void eachRecipientIsNamedWithItsCountAndWhetherItIsOnline() {
        String text = UnackedText.of(Map.of(DirectoryTest.BOB, 1, DirectoryTest.ALICE2, 3, DirectoryTest.DEV_USER, 0),
                DirectoryTest.directory());
        assertThat(text.lines()).hasSize(3);
        assertThat(text).startsWith("4 sent from here not yet acknowledged by their recipients:")
                .contains("  Bob: 1 (Bob is online: any moment now)")
                .contains("  alice@10.0.0.5: 3 (alice@10.0.0.5 is offline: when alice@10.0.0.5 is back, or sooner through others who keep copies)")
                .doesNotContain("dev");
    }
}

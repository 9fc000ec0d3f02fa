package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import peerchat.engine.causal.Hold;
import peerchat.store.event.NodeId;

class HoldsTextTest {
    static final NodeId STRANGER = new NodeId("ffffffff00000000000000000000000f");

    @Test
    void nothingHeldBackSaysSo() {
        assertThat(HoldsText.of(List.of(), DirectoryTest.directory()))
                .isEqualTo("nothing is held back: every message received here has been shown");
    }

    @Test
    void eachSenderIsNamedWithWhomItsMessagesWaitForAndWhetherThatOneIsOnline() {
        String text = HoldsText.of(List.of(
                new Hold(DirectoryTest.BOB, 2, DirectoryTest.ALICE2, 12, 3),
                new Hold(DirectoryTest.DEV_USER, 1, DirectoryTest.DEV_USER, 4, 2),
                new Hold(DirectoryTest.ALICE1, 1, STRANGER, 1, 0)), DirectoryTest.directory());
        assertThat(text).isEqualTo(String.join(System.lineSeparator(),
                "4 messages held back, each until what it follows has arrived:",
                "  Bob: 2 messages, waiting for messages from alice@10.0.0.5 (alice@10.0.0.5 is offline: they come when alice@10.0.0.5 is back, or sooner through others who keep copies)",
                "  dev: 1 message, waiting for earlier messages from dev (dev is offline: they come when dev is back, or sooner through others who keep copies)",
                "  alice@10.0.0.4: 1 message, waiting for messages from ffffffff (ffffffff has not been met yet: they come once it connects)"));
    }

    @Test
    void anOnlineSenderIsExpectedShortly() {
        assertThat(HoldsText.of(List.of(new Hold(DirectoryTest.ALICE2, 1, DirectoryTest.BOB, 7, 6)), DirectoryTest.directory()))
                .endsWith("  alice@10.0.0.5: 1 message, waiting for messages from Bob (Bob is online: they should come shortly)");
    }
}

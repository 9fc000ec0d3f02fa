package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import peerchat.store.event.NodeId;

class UnackedTextTest {
    private static UnackedText.Count own(int n) {
        return new UnackedText.Count(n, 0);
    }

    @Test
    void nothingUnackedSaysNothing() {
        assertThat(UnackedText.of(0, Map.of(), DirectoryTest.directory())).isEmpty();
        assertThat(UnackedText.of(0, Map.of(DirectoryTest.BOB, own(0)), DirectoryTest.directory())).isEmpty();
    }

    @Test
    void eachRecipientIsNamedWithItsCountAndWhetherItIsOnline() {
        // Three messages: one to both, two to alice2 alone. The counts per recipient add up to 4.
        String text = UnackedText.of(3, Map.of(DirectoryTest.BOB, own(1), DirectoryTest.ALICE2, own(3), DirectoryTest.DEV_USER, own(0)),
                DirectoryTest.directory());
        assertThat(text.lines()).hasSize(3);
        assertThat(text).startsWith("3 sent from here not yet acknowledged by all their recipients:")
                .contains("  Bob: 1 (Bob is online: any moment now)")
                .contains("  alice@10.0.0.5: 3 (alice@10.0.0.5 is offline: when alice@10.0.0.5 is back, or sooner through others who keep copies)")
                .doesNotContain("dev");
    }

    @Test
    void copiesKeptForOthersAreNotCountedAsThisUsersOwnAndSomeoneForgottenIsSaidToBe() {
        NodeId dave = new NodeId("dddddddd00000000000000000000000f");
        Directory dir = new Directory(List.of(
                new Directory.User(DirectoryTest.ME, "me", "127.0.0.1:7117", true, true),
                new Directory.User(DirectoryTest.BOB, "bob", "127.0.0.2:7117", false, false)), Map.of(), Set.of(),
                List.of(new Directory.User(dave, "dave", "127.0.0.4:7117", false, false)));
        String text = UnackedText.of(2, Map.of(DirectoryTest.BOB, new UnackedText.Count(2, 300), dave, new UnackedText.Count(0, 1)), dir);
        assertThat(text.lines()).containsExactly(
                "2 sent from here and 301 copies of others' messages kept here for someone away, not yet acknowledged by all their recipients:",
                "  bob: 2, and 300 copies of others' (bob is offline: when bob is back, or sooner through others who keep copies)",
                "  dave: 0, and 1 copy of others' (you forgot dave with -forget: kept in case they connect again)");
    }
}

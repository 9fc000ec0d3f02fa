package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import peerchat.store.event.NodeId;

/** Names of the time, written by the rules that tell users apart now, over what is shown together. */
class PastLabelsTest {
    static final NodeId ME = new NodeId("0000000000000000000000000000000a");
    static final NodeId BOB = new NodeId("1111111100000000000000000000000b");
    static final NodeId CAROL = new NodeId("2222222200000000000000000000000c");

    private static Directory now(String bobNow, String carolNow) {
        return new Directory(List.of(
                new Directory.User(ME, "me", "127.0.0.1:7117", true, true),
                new Directory.User(BOB, bobNow, "127.0.0.2:7117", true, false),
                new Directory.User(CAROL, carolNow, "127.0.0.3:7117", false, false)), Map.of());
    }

    private static PastLabels.Named named(NodeId id, String name) {
        return new PastLabels.Named(id, name);
    }

    @Test
    void aNameNobodyElseWentByIsShownAloneAndAsNowWhenNobodyRenamed() {
        Directory d = now("robert", "carol");
        PastLabels labels = PastLabels.of(d, List.of(named(BOB, "bob"), named(BOB, "bobby"), named(CAROL, "carol")));
        assertThat(labels.label(BOB, "bob")).isEqualTo("bob");
        assertThat(labels.label(BOB, "bobby")).isEqualTo("bobby");
        assertThat(labels.label(CAROL, "carol")).isEqualTo("carol");
        assertThat(labels.label(BOB, "")).as("no name heard: as now").isEqualTo("robert");
        assertThat(PastLabels.of(d, List.of(named(BOB, "robert"))).label(BOB, "robert")).isEqualTo(d.label(BOB));
    }

    @Test
    void twoWhoWentByOneNameInTheStretchAreToldApartEvenIfNeitherGoesByItNow() {
        // carol was "bob" once, bob is "robert" now: in one stretch of history, two "bob"s
        PastLabels labels = PastLabels.of(now("robert", "carol"), List.of(named(BOB, "bob"), named(CAROL, "Bob")));
        assertThat(labels.label(BOB, "bob")).isEqualTo("bob@127.0.0.2");
        assertThat(labels.label(CAROL, "Bob")).isEqualTo("Bob@127.0.0.3");
    }

    @Test
    void aNameSomeoneElseGoesByNowIsToldApartFromThemAndNamesAreShownClean() {
        PastLabels labels = PastLabels.of(now("bob", "carol"), List.of(named(CAROL, "b\u200Bob"), named(CAROL, "<html>x")));
        assertThat(labels.label(CAROL, "b\u200Bob")).as("a look-alike of bob's name now").isEqualTo("bob@127.0.0.3");
        assertThat(labels.label(CAROL, "<html>x")).as("never a leading <, whatever a peer sent").isEqualTo("_html>x");
    }

    @Test
    void someoneForgottenIsToldApartByIdAndNobodyElseIsForThem() {
        NodeId gone = new NodeId("3333333300000000000000000000000d");
        Directory d = new Directory(List.of(
                new Directory.User(ME, "me", "127.0.0.1:7117", true, true),
                new Directory.User(BOB, "bob", "127.0.0.2:7117", true, false)), Map.of(), Set.of(),
                List.of(new Directory.User(gone, "robert", "127.0.0.4:7117", false, false)));
        PastLabels labels = PastLabels.of(d, List.of(named(gone, "bob"), named(BOB, "bob")));
        assertThat(labels.label(gone, "bob")).isEqualTo("bob#33333333");
        assertThat(labels.label(BOB, "bob")).isEqualTo("bob");
    }
}

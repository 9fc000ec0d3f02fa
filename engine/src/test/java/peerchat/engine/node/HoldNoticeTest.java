package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import peerchat.engine.causal.Hold;
import peerchat.store.event.NodeId;

class HoldNoticeTest {
    static final NodeId A = new NodeId("aaaaaaaa");
    static final NodeId C = new NodeId("cccccccc");
    static final NodeId D = new NodeId("dddddddd");

    @Test
    void toldWhenSomethingWaitsAndWhoWaitsForWhomChanged() {
        Set<HoldNotice.Pair> cForA = HoldNotice.pairs(List.of(new Hold(C, 3, A, 5, 1)));
        assertThat(HoldNotice.worthTelling(Set.of(), cForA)).isTrue();
        // more of carol's messages waiting for alice: nothing new to tell
        assertThat(HoldNotice.worthTelling(cForA, HoldNotice.pairs(List.of(new Hold(C, 90, A, 7, 1))))).isFalse();
        Set<HoldNotice.Pair> andD = HoldNotice.pairs(List.of(new Hold(C, 3, A, 5, 1), new Hold(D, 1, A, 5, 1)));
        assertThat(HoldNotice.worthTelling(cForA, andD)).isTrue();
        // nothing waits: nothing to tell, and the next wait is news again
        assertThat(HoldNotice.worthTelling(andD, Set.of())).isFalse();
        assertThat(HoldNotice.worthTelling(Set.of(), cForA)).isTrue();
    }
}

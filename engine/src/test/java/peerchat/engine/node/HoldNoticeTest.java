package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import peerchat.engine.causal.Hold;
import peerchat.engine.node.HoldNotice.News;
import peerchat.store.event.NodeId;
import reactor.test.scheduler.VirtualTimeScheduler;

class HoldNoticeTest {
    static final NodeId A = new NodeId("aaaaaaaa");
    static final NodeId C = new NodeId("cccccccc");
    static final NodeId D = new NodeId("dddddddd");
    static final Hold C_FOR_A = new Hold(C, 3, A, 5, 1);
    static final Hold D_FOR_A = new Hold(D, 1, A, 5, 1);

    @Test
    void toldWhenSomethingWaitsAndWhoWaitsForWhomChanged() {
        Set<HoldNotice.Pair> cForA = HoldNotice.pairs(List.of(C_FOR_A));
        assertThat(HoldNotice.news(Set.of(), cForA)).isEqualTo(News.HELD_BACK);
        // more of carol's messages waiting for alice: nothing new to tell
        assertThat(HoldNotice.news(cForA, HoldNotice.pairs(List.of(new Hold(C, 90, A, 7, 1))))).isEqualTo(News.NOTHING);
        Set<HoldNotice.Pair> andD = HoldNotice.pairs(List.of(C_FOR_A, D_FOR_A));
        assertThat(HoldNotice.news(cForA, andD)).isEqualTo(News.HELD_BACK);
        // fewer wait, but some do: who waits for whom changed, and that is told, not an end
        assertThat(HoldNotice.news(andD, cForA)).isEqualTo(News.HELD_BACK);
    }

    @Test
    void theEndOfAWaitIsNewsOnlyWhenTheWaitWasTold() {
        Set<HoldNotice.Pair> cForA = HoldNotice.pairs(List.of(C_FOR_A));
        assertThat(HoldNotice.news(cForA, Set.of())).isEqualTo(News.RELEASED);
        assertThat(HoldNotice.news(Set.of(), Set.of())).as("never told: nothing to take back").isEqualTo(News.NOTHING);
    }

    // ---- on a virtual clock: when it says what

    final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    final List<Hold> holds = new ArrayList<>();
    final List<String> said = new ArrayList<>();
    final HoldNotice notice = new HoldNotice(clock, () -> List.copyOf(holds),
            told -> said.add("held back: " + HoldNotice.pairs(told).size() + " senders"), () -> said.add("released"));

    @AfterEach
    void stopClock() {
        clock.dispose();
    }

    private void pass(Duration d) {
        clock.advanceTimeBy(d);
    }

    @Test
    void aWaitToldIsSaidOverAtTheDeliveryThatEndsItNotAtTheNextLook() {
        holds.add(C_FOR_A);
        notice.held();
        pass(HoldNotice.AFTER);
        assertThat(said).containsExactly("held back: 1 senders");

        holds.clear();
        notice.letThrough();
        assertThat(said).as("at once, no time passing").containsExactly("held back: 1 senders", "released");

        notice.letThrough();
        pass(HoldNotice.AFTER.multipliedBy(2));
        assertThat(said).as("once").containsExactly("held back: 1 senders", "released");
    }

    @Test
    void aMomentaryWaitNeverToldEndsInSilence() {
        holds.add(C_FOR_A);
        notice.held();
        pass(HoldNotice.AFTER.dividedBy(2));
        holds.clear();
        notice.letThrough();
        pass(HoldNotice.AFTER.multipliedBy(2));
        assertThat(said).isEmpty();
    }

    @Test
    void someLetThroughWhileOthersWaitIsToldAgainAfterAWhileAndTheEndOnceAllHaveCome() {
        holds.addAll(List.of(C_FOR_A, D_FOR_A));
        notice.held();
        pass(HoldNotice.AFTER);
        assertThat(said).containsExactly("held back: 2 senders");

        holds.remove(D_FOR_A);
        notice.letThrough();
        assertThat(said).as("not an end: carol's still wait").containsExactly("held back: 2 senders");
        pass(HoldNotice.AFTER);
        assertThat(said).containsExactly("held back: 2 senders", "held back: 1 senders");

        holds.clear();
        notice.letThrough();
        assertThat(said).containsExactly("held back: 2 senders", "held back: 1 senders", "released");
    }

    @Test
    void aNewWaitAfterTheEndIsNewsAgain() {
        holds.add(C_FOR_A);
        notice.held();
        pass(HoldNotice.AFTER);
        holds.clear();
        notice.letThrough();

        holds.add(D_FOR_A);
        notice.held();
        pass(HoldNotice.AFTER);
        holds.clear();
        notice.letThrough();
        assertThat(said).containsExactly("held back: 1 senders", "released", "held back: 1 senders", "released");
    }
}

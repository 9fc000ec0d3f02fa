package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeqTrackerTest {

    @Test
    void thePrefixAdvancesOverOutOfOrderArrivalsAndDuplicatesAreRefused() {
        SeqTracker t = new SeqTracker(ReceivedSeqs.NONE);
        assertThat(t.claim(2)).isTrue();
        t.add(2);
        assertThat(t.prefix()).isZero();
        assertThat(t.claim(2)).as("duplicate").isFalse();
        assertThat(t.claim(1)).isTrue();
        assertThat(t.claim(1)).as("in flight on another connection").isFalse();
        t.add(1);
        assertThat(t.prefix()).isEqualTo(2);
        assertThat(t.snapshot()).isEqualTo(new ReceivedSeqs(2, List.of()));
    }

    @Test
    void anAbandonedReceiveMayComeAgain() {
        SeqTracker t = new SeqTracker(new ReceivedSeqs(3, List.of(6L)));
        assertThat(t.contains(6)).isTrue();
        assertThat(t.claim(4)).isTrue();
        t.abandon(4);
        assertThat(t.claim(4)).isTrue();
        t.add(4);
        assertThat(t.claim(5)).isTrue();
        t.add(5);
        assertThat(t.prefix()).isEqualTo(6);
    }
}

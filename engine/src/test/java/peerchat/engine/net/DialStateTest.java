package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DialStateTest {

    /** The earliest time a new attempt is allowed after an attempt ended at {@code end}. */
    private static long nextAllowed(DialState d, long end) {
        for (long t = end; ; t++) {
            if (d.tryBegin(t)) {
                return t;
            }
        }
    }

    @Test
    void backoffGrowsWithJitterUpToTheCeilingAndResetsOnSuccess() {
        DialState d = new DialState(Duration.ofMillis(100), Duration.ofMillis(1000));
        assertThat(d.tryBegin(0)).isTrue();
        assertThat(d.tryBegin(0)).as("one attempt at a time").isFalse();
        long now = 0;
        long[] ceilings = {100, 200, 400, 800, 1000, 1000};
        for (long ceiling : ceilings) {
            d.ended(now);
            long next = nextAllowed(d, now);
            assertThat(next - now).isBetween(ceiling / 2, ceiling);
            now = next;
        }
        d.succeeded();
        d.ended(now);
        assertThat(nextAllowed(d, now) - now).isBetween(50L, 100L);
    }
}

package peerchat.engine.net;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system's wall clock, set back or forward by the test as NTP or a hand-set date would. */
final class SteppedClock extends Clock {
    private volatile long offsetMillis;

    void step(Duration by) {
        offsetMillis += by.toMillis();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests use UTC");
    }
}

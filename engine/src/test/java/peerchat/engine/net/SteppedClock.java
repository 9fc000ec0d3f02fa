package peerchat.engine.net;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** The system's wall clock, set back or forward by the test as NTP or a hand-set date would. */
final class SteppedClock extends Clock {
    private volatile Clock current = Clock.systemUTC();

    void step(Duration by) {
        current = Clock.offset(current, by);
    }

    @Override
    public long millis() {
        return current.millis();
    }

    @Override
    public Instant instant() {
        return current.instant();
    }

    @Override
    public ZoneId getZone() {
        return current.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return current.withZone(zone);
    }
}

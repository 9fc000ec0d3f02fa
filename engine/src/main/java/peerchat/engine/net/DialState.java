package peerchat.engine.net;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to dial one target again: at most one attempt in flight, exponential backoff with jitter
 * after each end, reset by a completed handshake. Jitter keeps nodes that lost each other at the
 * same moment from redialing in lockstep.
 */
final class DialState {
    private final long minMillis;
    private final long maxMillis;
    private boolean inFlight;
    private int failures;
    private long nextAt;

    DialState(Duration min, Duration max) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
    }

    /** True (and now in flight) if an attempt may start at {@code now}. */
    synchronized boolean tryBegin(long now) {
        if (inFlight || now < nextAt) {
            return false;
        }
        inFlight = true;
        return true;
    }

    synchronized void succeeded() {
        failures = 0;
    }

    /** The attempt's connection failed or closed: wait before the next. */
    synchronized void ended(long now) {
        inFlight = false;
        long ceiling = Math.min(maxMillis, minMillis << Math.min(failures, 20));
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        nextAt = now + delay;
        failures = Math.min(failures + 1, 30);
    }

    synchronized boolean inFlight() {
        return inFlight;
    }

    /** No attempt has ended yet: the first is to come, or under way. */
    synchronized boolean firstUnderWay() {
        return failures == 0 && nextAt == 0;
    }
}

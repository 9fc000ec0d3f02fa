package peerchat.engine.net;

/** A token bucket: {@code perSecond} sustained, twice that in a burst. Not thread-safe (one connection's inbound). */
final class RateLimit {
    private final double perMilli;
    private final double capacity;
    private double tokens;
    private long last;

    RateLimit(int perSecond, long now) {
        this.perMilli = perSecond / 1000.0;
        this.capacity = perSecond * 2.0;
        this.tokens = capacity;
        this.last = now;
    }

    boolean tryTake(long now) {
        if (now > last) {
            tokens = Math.min(capacity, tokens + (now - last) * perMilli);
            last = now;
        }
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}

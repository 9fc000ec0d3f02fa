package peerchat.engine.discovery;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How {@link PeerDirectory} paces dialing: exponential backoff from {@code base} to {@code max}
 * after each failed dial (with jitter, so that nodes restarted together do not dial in step), how
 * long a dial may stay unanswered before it counts as failed, after how many failures in a row a
 * peer that was only heard of (not a {@code --peer} seed) is dropped, and how many addresses are
 * kept at most (gossip cannot grow it without bound).
 */
public record DialPolicy(Duration base, Duration max, Duration dialTimeout, int forgetAfterFailures, int maxEntries) {

    public DialPolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(dialTimeout, "dialTimeout");
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= max: " + base + ", " + max);
        }
        if (dialTimeout.isNegative() || dialTimeout.isZero()) {
            throw new IllegalArgumentException("dialTimeout must be positive: " + dialTimeout);
        }
        if (forgetAfterFailures < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("forgetAfterFailures and maxEntries must be positive");
        }
    }

    /** 1 s doubling to 1 min; a dial may take 15 s; a peer heard of is dropped after 10 failures. */
    public static DialPolicy defaults() {
        return new DialPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(15), 10, 4096);
    }

    /**
     * The wait after the given number of failures in a row: {@code d = min(max, base * 2^(failures-1))},
     * jittered uniformly within {@code [d/2, d]} ("equal jitter": never less than half the backoff).
     */
    Duration backoff(int failures, RandomGenerator random) {
        long baseMillis = base.toMillis();
        long maxMillis = max.toMillis();
        int doublings = Math.min(Math.max(failures - 1, 0), 62);
        long full = baseMillis > (maxMillis >> doublings) ? maxMillis : Math.min(maxMillis, baseMillis << doublings);
        long half = full / 2;
        return Duration.ofMillis(half + random.nextLong(full - half + 1));
    }
}

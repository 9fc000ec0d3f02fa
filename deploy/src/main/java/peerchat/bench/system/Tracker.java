package peerchat.bench.system;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Where arrivals are counted and timed, one clock (this process's {@code nanoTime}) for all.
 * Latency: {@link #expect} a text at {@code n} receivers, send it, {@link #await} it; each
 * arrival's delay since the send goes into the histogram. Flood: every arrival is counted.
 */
public final class Tracker {
    private static final class Pending {
        final long sentAt;
        final CountDownLatch left;
        /** When the sender printed it (ours only): the start of the node-to-node part. */
        volatile long printedAt;

        Pending(long sentAt, CountDownLatch left) {
            this.sentAt = sentAt;
            this.left = left;
        }
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong arrivals = new AtomicLong();
    private final AtomicLong printed = new AtomicLong();
    private volatile long lastArrival;
    private volatile Histogram histogram;
    private volatile Histogram hops;

    /** Called by a participant's reader thread for every line from another participant. */
    public void arrived(String text, long at) {
        arrivals.incrementAndGet();
        lastArrival = at;
        Pending p = pending.get(text);
        if (p != null) {
            Histogram h = histogram;
            if (h != null) {
                synchronized (h) {
                    h.recordValue(Math.max(0, (at - p.sentAt) / 1000));
                }
            }
            Histogram hop = hops;
            long printed = p.printedAt;
            // Only when the sender's line was read first (two reader threads race for it).
            if (hop != null && printed != 0 && printed <= at) {
                synchronized (hop) {
                    hop.recordValue((at - printed) / 1000);
                }
            }
            p.left.countDown();
        }
    }

    /** Called by a node's reader thread when the node prints a message it sent. */
    public void printed(String text, long at) {
        printed.incrementAndGet();
        Pending p = pending.get(text);
        if (p != null) {
            p.printedAt = at;
        }
    }

    public void record(Histogram into) {
        histogram = into;
    }

    /** Also record, where the sender prints its sends (ours), sender printed -> receiver printed. */
    public void recordHops(Histogram into) {
        hops = into;
    }

    public void expect(String text, int receivers, long sentAt) {
        pending.put(text, new Pending(sentAt, new CountDownLatch(receivers)));
    }

    public void await(String text, long timeout, TimeUnit unit) throws InterruptedException {
        Pending p = pending.get(text);
        if (!p.left.await(timeout, unit)) {
            throw new IllegalStateException("'" + text + "' did not reach every receiver within " + timeout + " " + unit);
        }
        pending.remove(text);
    }

    public long arrivals() {
        return arrivals.get();
    }

    /** How many of their own messages the nodes printed since the last reset. */
    public long printed() {
        return printed.get();
    }

    public long lastArrival() {
        return lastArrival;
    }

    public void reset() {
        arrivals.set(0);
        printed.set(0);
        pending.clear();
        histogram = null;
        hops = null;
    }
}

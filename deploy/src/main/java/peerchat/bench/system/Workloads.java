package peerchat.bench.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** The two workloads, run alike against our nodes and against IRC clients. */
public final class Workloads {
    private Workloads() {
    }

    /**
     * One message at a time, senders in turn, each sent when the previous one has reached everyone:
     * latency, not queueing. Returns microseconds from writing the line to each receiver reading it.
     */
    public static Histogram latency(List<? extends Participant> ps, Tracker t, String tag, int warmup, int n) throws InterruptedException {
        return latency(ps, t, tag, warmup, n, null);
    }

    /** As above; {@code hops} (if not null) also gets sender printed -> receiver printed, for nodes. */
    public static Histogram latency(List<? extends Participant> ps, Tracker t, String tag, int warmup, int n, Histogram hops)
            throws InterruptedException {
        Histogram h = new Histogram(60_000_000L, 3);
        t.reset();
        for (int k = 0; k < warmup + n; k++) {
            if (k == warmup) {
                t.record(h);
                if (hops != null) {
                    t.recordHops(hops);
                }
            }
            String text = tag + "-" + k;
            t.expect(text, ps.size() - 1, System.nanoTime());
            ps.get(k % ps.size()).send(text);
            t.await(text, 60, TimeUnit.SECONDS);
        }
        t.reset();
        return h;
    }

    /**
     * Every participant writes {@code perSender} lines at once; returns deliveries per second (one
     * message reaching one other participant is one delivery) from the start to the last arrival.
     */
    public static double flood(List<? extends Participant> ps, Tracker t, String tag, int perSender) throws InterruptedException {
        t.reset();
        long expected = (long) ps.size() * (ps.size() - 1) * perSender;
        List<Thread> writers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < ps.size(); i++) {
            List<String> texts = new ArrayList<>();
            for (int k = 0; k < perSender; k++) {
                texts.add(tag + "-" + i + "-" + k);
            }
            Participant p = ps.get(i);
            Thread w = new Thread(() -> p.sendAll(texts), "flood-" + i);
            w.start();
            writers.add(w);
        }
        for (Thread w : writers) {
            w.join();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (t.arrivals() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("flood: " + t.arrivals() + " of " + expected + " deliveries after 300 s");
            }
            Thread.sleep(2);
        }
        double seconds = (t.lastArrival() - start) / 1e9;
        return expected / seconds;
    }
}

package peerchat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import peerchat.bench.system.Participant;
import peerchat.bench.system.Tracker;
import peerchat.bench.system.Workloads;

/**
 * One set of participants (our nodes, the floor's peers, IRC clients) and the figures of its runs:
 * run by run, so that two sides can take their runs in turns and see the machine alike (on this
 * shared virtual machine a pass can be off by half for minutes). Each run's CPU is added up with
 * the side's own {@code cpu} (nanoseconds, whatever it counts: this process, a server too).
 */
final class Side {
    private final List<? extends Participant> participants;
    private final Tracker tracker;
    private final String tag;
    private final LongSupplier cpu;
    private final LongSupplier allocated;
    private final boolean hops;
    private final List<Histogram> latencies = new ArrayList<>();
    private final List<Histogram> hopRuns = new ArrayList<>();
    private final List<Double> floods = new ArrayList<>();
    private long latencyCpu;
    private long messages;
    private long floodCpu;
    private long latencyBytes;
    private long floodBytes;
    private long deliveries;

    /**
     * {@code hops}: also time sender printed -> receiver printed (only nodes print their own sends).
     * {@code allocated}: heap bytes allocated so far by whatever the side runs on, or always 0
     * where that cannot be read (another process).
     */
    Side(List<? extends Participant> participants, Tracker tracker, String tag, LongSupplier cpu, LongSupplier allocated, boolean hops) {
        this.participants = participants;
        this.tracker = tracker;
        this.tag = tag;
        this.cpu = cpu;
        this.allocated = allocated;
        this.hops = hops;
    }

    void latencyRun(int warmup, int count) throws InterruptedException {
        Histogram hop = hops ? new Histogram(60_000_000L, 3) : null;
        long before = cpu.getAsLong();
        long bytesBefore = allocated.getAsLong();
        latencies.add(Workloads.latency(participants, tracker, tag + "-l" + latencies.size(), warmup, count, hop));
        latencyCpu += cpu.getAsLong() - before;
        latencyBytes += allocated.getAsLong() - bytesBefore;
        messages += warmup + count;
        if (hop != null) {
            hopRuns.add(hop);
        }
    }

    void floodRun(int perSender) throws InterruptedException {
        long before = cpu.getAsLong();
        long bytesBefore = allocated.getAsLong();
        floods.add(Workloads.flood(participants, tracker, tag + "-f" + floods.size(), perSender));
        floodCpu += cpu.getAsLong() - before;
        floodBytes += allocated.getAsLong() - bytesBefore;
        int n = participants.size();
        deliveries += (long) n * (n - 1) * perSender;
    }

    /** The median over the runs of this percentile, microseconds from send to each receiver. */
    double latency(double percentile) {
        return Report.medianOf(latencies, h -> h.getValueAtPercentile(percentile));
    }

    double hop(double percentile) {
        return Report.medianOf(hopRuns, h -> h.getValueAtPercentile(percentile));
    }

    /** The median flood, deliveries per second. */
    double flood() {
        return Report.medianOf(floods, f -> f);
    }

    double cpuPerMessage() {
        return latencyCpu / 1e3 / messages;
    }

    /** Less noisy than the rate on a shared machine: what the floods cost, whatever waited. */
    double cpuPerDelivery() {
        return floodCpu / 1e3 / deliveries;
    }

    double bytesPerMessage() {
        return (double) latencyBytes / messages;
    }

    /** Heap bytes allocated per delivery in the floods: steady however busy the machine is. */
    double bytesPerDelivery() {
        return (double) floodBytes / deliveries;
    }
}

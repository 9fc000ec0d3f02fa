package peerchat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.HdrHistogram.Histogram;
import peerchat.bench.system.Mesh;
import peerchat.bench.system.Tracker;
import peerchat.bench.system.Workloads;

/**
 * Send→deliver latency between two real node processes on loopback, as a script sees it, through
 * {@code --json} (the system benchmark's node processes, two of them). Two figures: from the
 * moment the sender prints a message (it is logged and on its way) to the moment the receiver
 * prints it (received, logged and delivered), and from writing the line to the sender's stdin to
 * the receiver's print; both read by this process with one clock. Messages go one at a time, each
 * after the previous arrived, the two nodes sending in turn, so the figure is latency, not
 * queueing. Each figure is the median of {@value #RUNS} runs (one run of 1000 varied by a factor
 * of three from one to the next), after {@value #WARMUP} messages: after 2000, p99 was still
 * 2.5 ms while the two JVMs compiled; after 20,000 it is ~0.1 ms. Usage:
 * {@code deploy/bench/run node [messages per run]}.
 */
public final class NodeBench {
    private static final int RUNS = 5;
    private static final int WARMUP = 20_000;

    private NodeBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Path dir = Files.createTempDirectory("peerchat-nodebench");
        Tracker t = new Tracker();
        try (Mesh m = new Mesh(2, 31, dir, t, true)) {
            Workloads.latency(m.nodes, t, "warm", WARMUP, 0);
            List<Histogram> lines = new ArrayList<>();
            List<Histogram> hops = new ArrayList<>();
            for (int k = 0; k < RUNS; k++) {
                Histogram hop = new Histogram(10_000_000L, 3);
                lines.add(Workloads.latency(m.nodes, t, "r" + k, 0, n, hop));
                hops.add(hop);
            }
            new Report("two node processes, one message at a time, " + WARMUP + " warm-up, then medians of " + RUNS + " runs of " + n)
                    .add("node.latency.p50", Report.medianOf(hops, h -> h.getValueAtPercentile(50)), "us", "sender prints -> receiver prints")
                    .add("node.latency.p99", Report.medianOf(hops, h -> h.getValueAtPercentile(99)), "us")
                    .add("node.latency.max", Report.medianOf(hops, Histogram::getMaxValue), "us")
                    .add("node.line.p50", Report.medianOf(lines, h -> h.getValueAtPercentile(50)), "us", "line on the sender's stdin -> receiver prints")
                    .add("node.line.p99", Report.medianOf(lines, h -> h.getValueAtPercentile(99)), "us")
                    .print();
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

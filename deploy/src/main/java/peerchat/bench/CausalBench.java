package peerchat.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import peerchat.engine.causal.CausalCore;
import peerchat.engine.causal.Incoming;
import peerchat.engine.causal.Outgoing;
import peerchat.engine.causal.ReceiveResult;
import peerchat.store.event.Dependency;
import peerchat.store.event.MessageId;
import peerchat.store.event.MetadataCodec;
import peerchat.store.event.NodeId;

/**
 * {@code deploy/bench/run causal [--per-process N] [--soak-messages N] [--max-delay D] [--cost-only]}: the KS metadata cost per
 * transmitted copy (entries, integers = 2 + |D| per entry, bytes in {@link MetadataCodec}'s wire
 * form) and the state machine's throughput, for n = 8, 16, 32, 64 under three workloads, beside
 * what a vector clock (n) and Raynal–Schiper–Toueg (n²) would carry; then a long soak checked by
 * vector clocks.
 *
 * <p>The network is a discrete-event simulation: each process sends at exponentially distributed
 * intervals (mean 1), each copy takes a uniformly random delay in [0, 1) (non-FIFO; {@code --max-delay}), the
 * reference simulation's shape (CAUSAL.md: 30–40 messages per process, random destinations).
 * Throughput is measured by replaying the recorded sends and receives into fresh cores, so it
 * times the state machine alone, on one thread, in that thread's CPU time.
 */
public final class CausalBench {
    private enum Workload {
        DIRECT("direct"), GROUPS("groups<=4"), BROADCAST("broadcast"), RANDOM("random");

        final String label;

        Workload(String label) {
            this.label = label;
        }
    }

    /** One step of a run: a send by {@code process}, or the receipt of {@code copy} by it. */
    private record Op(int process, Set<NodeId> dests, Incoming<String> copy) {
    }

    private record Cost(double entries, double integers, double bytes, long copies, List<Op> trace) {
    }

    private static final double MEAN_SEND_INTERVAL = 1.0;
    /** Copies take uniformly [0, maxDelay) time units; {@code --max-delay} changes it. */
    private static double maxDelay = 1.0;

    private CausalBench() {
    }

    public static void main(String[] args) {
        int perProcess = 35;
        int soakMessages = 200_000;
        boolean costOnly = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--cost-only")) {
                costOnly = true; // metadata figures only, no throughput runs
                continue;
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--per-process" -> perProcess = Integer.parseInt(args[++i]);
                case "--soak-messages" -> soakMessages = Integer.parseInt(args[++i]);
                case "--max-delay" -> maxDelay = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Report report = new Report("causal: KS metadata per transmitted copy, and throughput");
        System.out.printf(Locale.ROOT, "%-4s %-10s %9s %9s %9s %9s %9s %12s%n",
                "n", "workload", "entries", "integers", "bytes", "VC(n)", "RST(n^2)", "ops/s");
        for (int n : new int[] {8, 16, 32, 64}) {
            for (Workload w : Workload.values()) {
                Cost cost = averageCost(n, w, perProcess, 5);
                Cost timed = cost;
                double opsPerSecond = costOnly ? 0 : Report.median(2, 5, () -> throughput(n, timed.trace()));
                System.out.printf(Locale.ROOT, "%-4d %-10s %9.1f %9.1f %9.1f %9d %9d %12.0f%n",
                        n, w.label, cost.entries(), cost.integers(), cost.bytes(), n, n * n, opsPerSecond);
                String key = "causal.n" + n + "." + w.name().toLowerCase(Locale.ROOT);
                report.add(key + ".entries", round(cost.entries()), "entries/copy");
                report.add(key + ".integers", round(cost.integers()), "ints/copy", "VC " + n + ", RST " + n * n);
                report.add(key + ".bytes", round(cost.bytes()), "bytes/copy");
                if (!costOnly) {
                    report.add(key + ".throughput", Math.round(opsPerSecond), "ops/s", "sends+receives, one core");
                }
            }
        }
        long start = System.nanoTime();
        long deliveries = soak(16, soakMessages, 7L);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "soak: %d messages, %d deliveries checked by vector clocks in %.1f s: OK%n",
                soakMessages, deliveries, seconds);
        report.add("causal.soak.deliveries", deliveries, "deliveries", "n=16, mixed workload, all checked");
        report.print();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static List<NodeId> ids(int n) {
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(new NodeId(String.format(Locale.ROOT, "%08x%024x", (i * 0x9E3779B1L) & 0xffffffffL, i)));
        }
        return ids;
    }

    private static Set<NodeId> dests(Workload w, int sender, List<NodeId> ids, SplittableRandom r) {
        int n = ids.size();
        TreeSet<NodeId> dests = new TreeSet<>();
        switch (w) {
            case DIRECT -> dests.add(ids.get((sender + 1 + r.nextInt(n - 1)) % n));
            case GROUPS -> {
                int size = 1 + r.nextInt(3);
                while (dests.size() < size) {
                    dests.add(ids.get((sender + 1 + r.nextInt(n - 1)) % n));
                }
            }
            case RANDOM -> {
                int size = 1 + r.nextInt(n - 1);
                while (dests.size() < size) {
                    dests.add(ids.get((sender + 1 + r.nextInt(n - 1)) % n));
                }
            }
            default -> {
                dests.addAll(ids);
                dests.remove(ids.get(sender));
            }
        }
        return dests;
    }

    private static Cost averageCost(int n, Workload w, int perProcess, int seeds) {
        double entries = 0;
        double integers = 0;
        double bytes = 0;
        long copies = 0;
        List<Op> trace = null;
        for (int seed = 1; seed <= seeds; seed++) {
            Cost c = run(n, w, perProcess, seed);
            entries += c.entries() * c.copies();
            integers += c.integers() * c.copies();
            bytes += c.bytes() * c.copies();
            copies += c.copies();
            trace = trace == null ? c.trace() : trace;
        }
        return new Cost(entries / copies, integers / copies, bytes / copies, copies, trace);
    }

    /** A discrete-event run to quiescence; returns the per-copy averages and the trace of its inputs. */
    private static Cost run(int n, Workload w, int perProcess, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<NodeId> ids = ids(n);
        List<CausalCore<String>> cores = new ArrayList<>();
        for (NodeId id : ids) {
            cores.add(new CausalCore<>(id));
        }
        // Events: time, tie-break sequence, then a send (copy == null) or an arrival.
        record Ev(double time, long seq, int process, Incoming<String> copy) {
        }
        PriorityQueue<Ev> queue = new PriorityQueue<>((a, b) -> a.time != b.time
                ? Double.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
        long seq = 0;
        int[] left = new int[n];
        Arrays.fill(left, perProcess);
        for (int p = 0; p < n; p++) {
            queue.add(new Ev(exp(r), seq++, p, null));
        }
        long copies = 0;
        long entries = 0;
        long integers = 0;
        long bytes = 0;
        List<Op> trace = new ArrayList<>();
        while (!queue.isEmpty()) {
            Ev e = queue.poll();
            if (e.copy == null) {
                Set<NodeId> dests = dests(w, e.process, ids, r);
                Outgoing<String> out = cores.get(e.process).send(dests, "m");
                trace.add(new Op(e.process, dests, null));
                for (NodeId d : dests) {
                    Incoming<String> copy = out.copyFor(d);
                    List<Dependency> meta = copy.meta();
                    copies++;
                    entries += meta.size();
                    for (Dependency dep : meta) {
                        integers += 2 + dep.destinations().size();
                    }
                    bytes += MetadataCodec.encode(meta).length;
                    queue.add(new Ev(e.time + r.nextDouble() * maxDelay, seq++, ids.indexOf(d), copy));
                }
                if (--left[e.process] > 0) {
                    queue.add(new Ev(e.time + exp(r), seq++, e.process, null));
                }
            } else {
                cores.get(e.process).receive(e.copy);
                trace.add(new Op(e.process, null, e.copy));
            }
        }
        for (CausalCore<String> core : cores) {
            if (!core.snapshot().buffered().isEmpty()) {
                throw new IllegalStateException("a buffer did not drain: " + core.self());
            }
        }
        return new Cost((double) entries / copies, (double) integers / copies, (double) bytes / copies, copies, trace);
    }

    private static double exp(SplittableRandom r) {
        return -Math.log(1 - r.nextDouble()) * MEAN_SEND_INTERVAL;
    }

    /** Sends plus receives per second when the recorded inputs are fed to fresh cores. */
    private static double throughput(int n, List<Op> trace) {
        List<NodeId> ids = ids(n);
        List<CausalCore<String>> cores = new ArrayList<>();
        for (NodeId id : ids) {
            cores.add(new CausalCore<>(id));
        }
        long delivered = 0;
        // CPU time of this thread, not wall time: the machine is shared, and a preempted run
        // would otherwise count other processes' time as ours.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (Op op : trace) {
            if (op.copy() == null) {
                cores.get(op.process()).send(op.dests(), "m");
            } else {
                delivered += cores.get(op.process()).receive(op.copy()).delivered().size();
            }
        }
        double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
        if (delivered == 0) {
            throw new IllegalStateException("the replayed trace delivered nothing");
        }
        return trace.size() / seconds;
    }

    /**
     * A long run, mixed workload, with duplicated copies, every delivery checked against vector
     * clocks kept here (independently of the core); returns the number of deliveries.
     */
    private static long soak(int n, int messages, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<NodeId> ids = ids(n);
        Map<NodeId, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(ids.get(i), i);
        }
        List<CausalCore<String>> cores = new ArrayList<>();
        for (NodeId id : ids) {
            cores.add(new CausalCore<>(id));
        }
        int[][] clocks = new int[n][n];
        Map<MessageId, int[]> stamps = new HashMap<>();
        // pending[p][s]: send numbers of messages from s addressed to p and not yet delivered there.
        List<List<TreeSet<Integer>>> pending = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            List<TreeSet<Integer>> row = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                row.add(new TreeSet<>());
            }
            pending.add(row);
        }
        List<Incoming<String>> inFlight = new ArrayList<>();
        List<Integer> inFlightTo = new ArrayList<>();
        Workload[] mix = Workload.values();
        long deliveries = 0;
        int sent = 0;
        while (sent < messages || !inFlight.isEmpty()) {
            if (sent < messages && (inFlight.isEmpty() || r.nextInt(100) < 30)) {
                int s = r.nextInt(n);
                Set<NodeId> dests = dests(mix[r.nextInt(mix.length)], s, ids, r);
                Outgoing<String> out = cores.get(s).send(dests, "m");
                clocks[s][s]++;
                stamps.put(out.id(), clocks[s].clone());
                for (NodeId d : dests) {
                    pending.get(index.get(d)).get(s).add(clocks[s][s]);
                    inFlight.add(out.copyFor(d));
                    inFlightTo.add(index.get(d));
                }
                sent++;
                continue;
            }
            int at = r.nextInt(inFlight.size());
            Incoming<String> copy = inFlight.get(at);
            int p = inFlightTo.get(at);
            if (r.nextInt(100) >= 3) { // else duplicated: this copy stays in flight and arrives again
                int last = inFlight.size() - 1;
                inFlight.set(at, inFlight.get(last));
                inFlightTo.set(at, inFlightTo.get(last));
                inFlight.remove(last);
                inFlightTo.remove(last);
            }
            ReceiveResult<String> result = cores.get(p).receive(copy);
            for (Incoming<String> m : result.delivered()) {
                int s = index.get(m.sender());
                int[] stamp = stamps.get(m.id());
                for (int x = 0; x < n; x++) {
                    TreeSet<Integer> waiting = pending.get(p).get(x);
                    if (!waiting.isEmpty() && (x == s ? waiting.first() != stamp[s] : waiting.first() <= stamp[x])) {
                        throw new IllegalStateException("causal order violated at " + ids.get(p) + " by " + m.id());
                    }
                }
                if (!pending.get(p).get(s).remove(stamp[s])) {
                    throw new IllegalStateException("duplicate delivery of " + m.id() + " at " + ids.get(p));
                }
                for (int x = 0; x < n; x++) {
                    clocks[p][x] = Math.max(clocks[p][x], stamp[x]);
                }
                deliveries++;
            }
        }
        for (int p = 0; p < n; p++) {
            for (int s = 0; s < n; s++) {
                if (!pending.get(p).get(s).isEmpty()) {
                    throw new IllegalStateException("liveness: " + ids.get(p) + " never delivered " + pending.get(p).get(s));
                }
            }
            if (!cores.get(p).snapshot().buffered().isEmpty()) {
                throw new IllegalStateException("a buffer did not drain: " + ids.get(p));
            }
        }
        return deliveries;
    }
}

package peerchat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.LongToDoubleFunction;
import peerchat.bench.system.FloorMesh;
import peerchat.bench.system.HistoryWriter;
import peerchat.bench.system.IrcClient;
import peerchat.bench.system.Allocation;
import peerchat.bench.system.LocalMesh;
import peerchat.bench.system.Mesh;
import peerchat.bench.system.Ngircd;
import peerchat.bench.system.NodeProc;
import peerchat.bench.system.ProcCpu;
import peerchat.bench.system.Rss;
import peerchat.bench.system.Tracker;
import peerchat.bench.system.Workloads;

/**
 * System benchmark ({@code deploy/bench/run system [quick] [local|scale]}), log on, loopback. Latency and flood
 * are measured on nodes inside this JVM (each its own log, TCP listener and threads, driven through
 * {@code Node} as a frontend is), the same footing as the IRC clients they are compared with, which
 * also live here; then once more on 10 node processes through {@code --json} (the pipes and
 * the JSON included), which also give the memory per node. ngIRCd on 127.0.0.1 runs the same
 * workloads with 10 participants. Every figure is the median of several runs.
 */
public final class SystemBench {
    /** Five, not three: on a shared virtual machine one run in three or four can be off by half. */
    private static final int RUNS = 5;

    private SystemBench() {
    }

    /** Sizes of one run; {@code quick} for trying the benchmark out. */
    private record Sizes(int warmup, int messages, int floodPerSender, int history, int missed) {
        /**
         * Per sender, so that a flood of {@code n} nodes delivers about as much as one of 10 (a
         * 3-node flood of 1000 each is some 80 ms of work: the ramp, not the rate; one of 30 at
         * 1000 each would be 870,000 deliveries), but within the links' live buffer (8192), so
         * the same path is measured.
         */
        int floodPerSender(int n) {
            return Math.min(8000, Math.max(floodPerSender / 10, floodPerSender * 90 / (n * (n - 1))));
        }
    }

    public static void main(String[] args) throws Exception {
        // The store and Chronicle log at DEBUG without a config: only the figures go to stdout.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        List<String> options = List.of(args);
        boolean quick = options.contains("quick");
        // Only the nodes in this JVM at 10 nodes, and ngIRCd: for trying out a change to the hot path.
        boolean local = options.contains("local");
        // Only the nodes in this JVM (and the floor), at 10, 20 and 30: how the figures grow with the group.
        boolean scale = options.contains("scale");
        Sizes s = quick ? new Sizes(50, 200, 200, 100_000, 10_000) : new Sizes(300, 1000, 1000, 1_000_000, 100_000);
        Path dir = Files.createTempDirectory("peerchat-systembench");
        Tracker t = new Tracker();
        Report r = new Report(String.format(Locale.ROOT, "system: nodes on loopback, log on; medians of %d runs; %s", RUNS, machine()));
        try {
            Side ours10 = null;
            int base = 100;
            for (int n : scale ? new int[] {10, 20, 30} : local ? new int[] {10} : new int[] {3, 5, 10}) {
                Side ours = local(n, base, dir, t, r, s);
                ours10 = n == 10 ? ours : ours10;
                base += n + 2;
            }
            if (scale) {
                return;
            }
            if (local) {
                progress("ngIRCd");
                irc(dir, t, r, s, ours10);
                return;
            }

            progress("10 node processes through --json: latency and flood");
            try (Mesh m = new Mesh(10, base, dir.resolve("mesh10"), t, true)) {
                r.add("system.rss.idle", meanRss(m, Rss::mib), "MiB", "per node process, 10 meshed, nothing sent yet");
                r.add("system.rss.idle.anon", meanRss(m, Rss::anonMib), "MiB", "of which its own (not mapped files: jar, log)");
                // Ten JVMs compile on the machine's cores for their first thousands of messages
                // (measured from the start, p50 fell from 2.9 ms to 0.55 ms over ten runs); their
                // compilers cannot be watched from here as this JVM's is, so: until steady.
                int floods = warmUntilSteady(k -> 1 / Workloads.flood(m.nodes, t, "pw10-" + k, s.floodPerSender()));
                int latencyRuns = warmUntilSteady(k -> Workloads.latency(m.nodes, t, "pw10-l" + k, 0, s.messages()).getValueAtPercentile(50));
                r.add("system.json.n10.warmup", floods, "floods", "untimed, then " + latencyRuns
                        + " untimed latency runs: until two runs in a row were no better than the best before them by 5%");
                Side json = new Side(m.nodes, t, "p10", () -> m.nodes.stream().mapToLong(p -> ProcCpu.nanos(p.pid())).sum(), () -> 0, false);
                measure(json, s);
                r.add("system.json.n10.latency.p50", json.latency(50), "us", "10 processes; line on stdin -> line on each receiver's stdout");
                r.add("system.json.n10.latency.p99", json.latency(99), "us");
                r.add("system.json.n10.latency.cpu", json.cpuPerMessage(), "us/message", "CPU time of the 10 processes per message");
                r.add("system.json.n10.flood", json.flood(), "deliveries/s", "10 processes x " + s.floodPerSender() + " lines at once");
                r.add("system.json.n10.flood.cpu", json.cpuPerDelivery(), "us/delivery", "CPU time of the 10 processes per delivery");
                r.add("system.rss.after-flood", meanRss(m, Rss::mib), "MiB", "per node process, after the runs above");
                r.add("system.rss.after-flood.anon", meanRss(m, Rss::anonMib), "MiB", "of which its own (not mapped files: jar, log)");
            }

            progress("formation of 10 nodes");
            int[] formation = {0};
            int[] failed = {0};
            double formed = median(k -> {
                try (Mesh m = new Mesh(10, 180 + 12 * (formation[0]++ % 6), dir.resolve("form" + k), t, false)) {
                    return m.formedAfter / 1e6;
                } catch (IllegalStateException e) {
                    // A figure, not a crash: how often gossip alone leaves the mesh incomplete.
                    System.err.println("system bench: " + e.getMessage());
                    failed[0]++;
                    return Double.POSITIVE_INFINITY;
                }
            });
            r.add("system.formation.n10", formed, "ms", "10 processes launched at once -> each sees the 9 others (seeded with one address, gossip does the rest)");
            r.add("system.formation.n10.incomplete", failed[0], "runs", "of " + RUNS + ": mesh not complete after 120 s");

            progress("restart with " + s.history() + " messages of history");
            restart(dir, t, r, s.history());
            progress("catching up on " + s.missed() + " messages missed while down");
            catchUp(dir, t, r, s.missed());
            progress("ngIRCd");
            irc(dir, t, r, s, ours10);
        } finally {
            r.print();
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Latency and flood of {@code n} nodes in this JVM, and of the floor beside them: {@link
     * FloorMesh}, {@code n} peers that only pass text, one thread each as a node has, which splits
     * our figures into what the machine's kernel and threads cost any peer-to-peer chat and what
     * the node adds. Their runs are taken in turns. Returns our side, its runs done.
     */
    private static Side local(int n, int base, Path dir, Tracker t, Report r, Sizes s) throws Exception {
        progress(n + " nodes and " + n + " floor peers in this JVM: latency and flood");
        try (LocalMesh m = new LocalMesh(n, base, dir.resolve("local" + n), t); FloorMesh f = new FloorMesh(n, t)) {
            // As nodes that have run a while: warmed up until the JIT has little left to compile.
            // With a fixed three floods, it was still compiling through the timed runs at 10
            // nodes, one compiler thread busy on one of the two cores the nodes run on.
            int floods = warmUntilCompiled(k -> Workloads.flood(m.nodes, t, "warm" + n + "-" + k, s.floodPerSender(n)));
            // One message at a time takes other paths than a flood.
            int latencyRuns = warmUntilCompiled(k -> Workloads.latency(m.nodes, t, "warm" + n + "-l" + k, 0, s.messages()));
            warmUntilCompiled(k -> Workloads.flood(f.peers, t, "floorwarm" + n + "-" + k, s.floodPerSender(n)));
            warmUntilCompiled(k -> Workloads.latency(f.peers, t, "floorwarm" + n + "-l" + k, 0, s.messages()));
            r.add("system.n" + n + ".warmup", floods, "floods", "untimed, then " + latencyRuns + " untimed latency runs: until compiling took under "
                    + (int) (QUIET_JIT * 100) + "% of a run's time (at most " + MAX_WARMUPS + " each)");
            Side ours = new Side(m.nodes, t, "n" + n, SystemBench::cpuNanos, Allocation::bytes, true);
            Side floor = new Side(f.peers, t, "floor" + n, SystemBench::cpuNanos, () -> 0, false);
            for (int k = 0; k < RUNS; k++) {
                ours.latencyRun(s.warmup(), s.messages());
                floor.latencyRun(s.warmup(), s.messages());
            }
            // Back on the flood's paths after the latency runs: the first flood after them ran ~30%
            // slower while the JIT compiled those paths again.
            Workloads.flood(m.nodes, t, "rewarm" + n, s.floodPerSender(n));
            Workloads.flood(f.peers, t, "floorrewarm" + n, s.floodPerSender(n));
            for (int k = 0; k < RUNS; k++) {
                ours.floodRun(s.floodPerSender(n));
                floor.floodRun(s.floodPerSender(n));
            }
            String how = "send() -> the event on each receiver's stream";
            String name = "system.n" + n;
            r.add(name + ".latency.p50", ours.latency(50), "us", n == 10 ? "target <= 100 us; " + how : how);
            r.add(name + ".latency.p99", ours.latency(99), "us", n == 10 ? "target <= 500 us" : "");
            r.add(name + ".latency.p999", ours.latency(99.9), "us");
            r.add(name + ".hop.p50", ours.hop(50), "us", "sender's own event (shown once its copies are written) -> receiver's event");
            r.add(name + ".hop.p99", ours.hop(99), "us");
            r.add(name + ".latency.cpu", ours.cpuPerMessage(), "us/message", "CPU time of this process per message of the latency runs (one send, " + (n - 1) + " deliveries)");
            r.add(name + ".flood", ours.flood(), "deliveries/s", n + " senders x " + s.floodPerSender(n) + " to #all at once");
            r.add(name + ".flood.cpu", ours.cpuPerDelivery(), "us/delivery", "CPU time of this process (all nodes) per delivery, over the floods");
            r.add(name + ".latency.alloc", ours.bytesPerMessage(), "B/message", "heap allocated per message of the latency runs (the machine's load does not change it)");
            r.add(name + ".flood.alloc", ours.bytesPerDelivery(), "B/delivery", "heap allocated per delivery in the floods");
            String floorName = "system.floor.n" + n;
            r.add(floorName + ".latency.p50", floor.latency(50), "us", "floor: " + n + " peers passing text over loopback TCP, a thread each, nothing else; runs in turns with ours");
            r.add(floorName + ".latency.p99", floor.latency(99), "us");
            r.add(floorName + ".latency.cpu", floor.cpuPerMessage(), "us/message");
            r.add(floorName + ".flood", floor.flood(), "deliveries/s");
            r.add(floorName + ".flood.cpu", floor.cpuPerDelivery(), "us/delivery");
            r.add(floorName + ".ratio.latency.p50", ours.latency(50) / floor.latency(50), "x", "ours/floor");
            r.add(floorName + ".ratio.latency.cpu", ours.cpuPerMessage() / floor.cpuPerMessage(), "x", "ours/floor");
            r.add(floorName + ".ratio.flood", ours.flood() / floor.flood(), "x", "ours/floor");
            return ours;
        }
    }

    private static final double QUIET_JIT = 0.05;
    private static final int MAX_WARMUPS = 40;

    private interface Run {
        void run(int k) throws Exception;
    }

    /** Runs {@code warmup} at least 3 times, until the JIT compiled for under 5% of a run's time; returns how often. */
    private static int warmUntilCompiled(Run warmup) throws Exception {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        for (int runs = 1; ; runs++) {
            long compiledBefore = jit.getTotalCompilationTime();
            long started = System.nanoTime();
            warmup.run(runs);
            double took = (System.nanoTime() - started) / 1e6;
            if (runs >= MAX_WARMUPS || runs >= 3 && jit.getTotalCompilationTime() - compiledBefore < QUIET_JIT * took) {
                return runs;
            }
        }
    }

    /**
     * Runs {@code cost} (lower is better) until two runs in a row are no better than the best
     * before them by 5%: at least 3 runs, at most {@link #MAX_WARMUPS}; returns how many.
     */
    private static int warmUntilSteady(Measure cost) throws Exception {
        double best = Double.POSITIVE_INFINITY;
        int flat = 0;
        for (int runs = 1; ; runs++) {
            double c = cost.run(runs);
            flat = c < best * 0.95 ? 0 : flat + 1;
            best = Math.min(best, c);
            if (runs >= MAX_WARMUPS || runs >= 3 && flat >= 2) {
                return runs;
            }
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double meanRss(Mesh m, LongToDoubleFunction rss) {
        return m.nodes.stream().mapToDouble(p -> rss.applyAsDouble(p.pid())).average().orElse(-1);
    }

    /** The run takes minutes: say where it is (stderr, so the figures on stdout stay clean). */
    private static void progress(String what) {
        System.err.printf(Locale.ROOT, "system bench: %s...%n", what);
    }

    private static void restart(Path dir, Tracker t, Report r, int messages) throws Exception {
        Path data = dir.resolve("history");
        long started = System.nanoTime();
        HistoryWriter.write(data, "keeper", messages);
        System.err.printf(Locale.ROOT, "wrote %d messages of history in %.1f s%n", messages, (System.nanoTime() - started) / 1e9);
        double[] rss = new double[RUNS];
        double[] anon = new double[RUNS];
        int[] run = {0};
        double ready = median(k -> {
            NodeProc p = NodeProc.start("keeper", data, "127.0.0.250:7117", t);
            try {
                double ms = p.awaitReady(10, TimeUnit.MINUTES) / 1e6;
                anon[run[0] % RUNS] = Rss.anonMib(p.pid());
                rss[run[0]++ % RUNS] = Rss.mib(p.pid());
                return ms;
            } finally {
                p.close();
            }
        });
        java.util.Arrays.sort(rss);
        java.util.Arrays.sort(anon);
        r.add("system.restart.ready", ready, "ms", String.format(Locale.ROOT, "process launch -> ready, %,d messages in the log (written with the store API)", messages));
        r.add("system.rss.history", rss[RUNS / 2], "MiB", "that node, just ready");
        r.add("system.rss.history.anon", anon[RUNS / 2], "MiB", "of which its own (not mapped files: jar, log)");
    }

    /**
     * A node back after missing {@code missed} messages: two node processes, the second shut down
     * while the first sends them (logged, unacknowledged), then started again. Timed from its
     * launch to ready and on to the last of them printed: the sender resends them from its log.
     */
    private static void catchUp(Path dir, Tracker t, Report r, int missed) throws Exception {
        double[] ready = new double[RUNS];
        int[] run = {0};
        double caughtUp = median(k -> {
            Path data = dir.resolve("catchup" + k);
            NodeProc sender = NodeProc.start("sender", data.resolve("sender"), "127.0.0.253:7117", t);
            NodeProc away = NodeProc.start("away", data.resolve("away"), "127.0.0.254:7117", t, "127.0.0.253:7117");
            NodeProc[] back = {null};
            try {
                await("the pair to meet", () -> sender.online() == 1 && away.online() == 1);
                away.close();
                await("the sender to see it go", () -> sender.online() == 0);
                t.reset();
                List<String> texts = new ArrayList<>();
                for (int i = 0; i < missed; i++) {
                    texts.add("missed-" + k + "-" + i);
                }
                sender.sendAll(texts);
                await("the sender to log and print its messages", () -> t.printed() == missed);
                t.reset();
                long launched = System.nanoTime();
                back[0] = NodeProc.start("away", data.resolve("away"), "127.0.0.254:7117", t, "127.0.0.253:7117");
                ready[run[0]++ % RUNS] = back[0].awaitReady(2, TimeUnit.MINUTES) / 1e6;
                await("every missed message at the node back", () -> t.arrivals() == missed);
                return (t.lastArrival() - launched) / 1e6;
            } finally {
                away.close(); // closed already unless something failed before
                if (back[0] != null) {
                    back[0].close();
                }
                sender.close();
            }
        });
        java.util.Arrays.sort(ready);
        r.add("system.catchup", caughtUp, "ms", String.format(Locale.ROOT,
                "process launch -> the last of %,d messages it missed while down printed (resent from the sender's log)", missed));
        r.add("system.catchup.ready", ready[RUNS / 2], "ms", "of which launch -> ready");
    }

    private interface Condition {
        boolean holds();
    }

    /** Polls {@code condition} every 5 ms, for at most 5 minutes. */
    private static void await(String what, Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("system bench: waited 5 minutes for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** The latency runs, then the floods, of a side measured on its own (10 participants). */
    private static void measure(Side side, Sizes s) throws InterruptedException {
        for (int k = 0; k < RUNS; k++) {
            side.latencyRun(s.warmup(), s.messages());
        }
        for (int k = 0; k < RUNS; k++) {
            side.floodRun(s.floodPerSender());
        }
    }

    /** ngIRCd with 10 clients, and the ratios of {@code ours} (10 nodes) to it. */
    private static void irc(Path dir, Tracker t, Report r, Sizes s, Side ours) throws Exception {
        if (!Files.isExecutable(Path.of(Ngircd.BINARY))) {
            System.err.println("ngircd is not installed (apt-get install ngircd): no IRC comparison");
            return;
        }
        try (Ngircd server = new Ngircd(dir.resolve("ngircd"))) {
            List<IrcClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    clients.add(new IrcClient(server.port, "p" + i, "#bench", t));
                }
                // CPU of the server and of this JVM (the clients), as ours is all nodes' CPU.
                LongSupplier cpu = () -> cpuNanos() + ProcCpu.nanos(server.pid());
                Side irc = new Side(clients, t, "irc", cpu, () -> 0, false);
                measure(irc, s);
                r.add("system.irc.latency.p50", irc.latency(50), "us", "ngIRCd, 10 clients in one channel");
                r.add("system.irc.latency.p99", irc.latency(99), "us");
                r.add("system.irc.latency.p999", irc.latency(99.9), "us");
                r.add("system.irc.latency.cpu", irc.cpuPerMessage(), "us/message", "CPU time of ngIRCd and its 10 clients per message of the latency runs");
                r.add("system.irc.flood", irc.flood(), "deliveries/s", "10 senders x " + s.floodPerSender() + " at once");
                r.add("system.irc.flood.cpu", irc.cpuPerDelivery(), "us/delivery", "CPU time of ngIRCd and its 10 clients per delivery, over the floods");
                r.add("system.ratio.latency.p50", ours.latency(50) / irc.latency(50), "x", "ours/theirs, 10 participants (lower is better)");
                r.add("system.ratio.latency.p99", ours.latency(99) / irc.latency(99), "x", "ours/theirs (lower is better)");
                r.add("system.ratio.flood", ours.flood() / irc.flood(), "x", "ours/theirs (higher is better; target >= 1)");
                r.add("system.ratio.latency.cpu", ours.cpuPerMessage() / irc.cpuPerMessage(), "x", "ours/theirs, CPU per message one at a time");
                r.add("system.ratio.flood.cpu", ours.cpuPerDelivery() / irc.cpuPerDelivery(), "x", "ours/theirs, CPU per delivery in a flood (steadier than the rates)");
            } finally {
                clients.forEach(IrcClient::close);
            }
        }
    }

    private interface Measure {
        double run(int k) throws Exception;
    }

    private static double median(Measure m) throws Exception {
        double[] v = new double[RUNS];
        for (int k = 0; k < RUNS; k++) {
            v[k] = m.run(k);
        }
        java.util.Arrays.sort(v);
        return v[RUNS / 2];
    }

    private static String machine() {
        return String.format(Locale.ROOT, "%d cores, Java %s, %s %s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version"));
    }
}

package peerchat.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.HdrHistogram.Histogram;
import peerchat.store.Store;
import peerchat.store.event.Dependency;
import peerchat.store.event.Event;
import peerchat.store.event.EventCodec;
import peerchat.store.event.GroupName;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.event.Target;
import peerchat.store.log.EventLog;

/**
 * The store's figures (store/README.md): append rate and latency, replay rate, open-to-ready time
 * and the projections' heap with a history of N messages (default 1M), each beside the raw
 * Chronicle floor (the same bytes appended and read without Jackson) measured in the same run.
 *
 * <p>Usage: {@code deploy/bench/run store [messages]}.
 */
public final class StoreBench {
    private static final int LATENCY_SAMPLES = 100_000;
    private static final int BATCH = 500;
    private static final int APPENDS = 300_000;
    private static final int WARMUPS = 1;
    private static final int RUNS = 3;

    private final int messages;
    private final Path root;
    private final Workload workload = new Workload();
    private final EventCodec codec = new EventCodec();
    private final Report report;

    private StoreBench(int messages, Path root) {
        this.messages = messages;
        this.root = root;
        this.report = new Report("store, " + messages + " messages of history");
    }

    public static void main(String[] args) throws Exception {
        // No logback config in the jar: without this, DEBUG lines from Chronicle drown the table.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path root = Files.createTempDirectory("peerchat-store-bench");
        try {
            new StoreBench(messages, root).run();
        } finally {
            deleteTree(root);
        }
    }

    private void run() throws IOException {
        Event sample = workload.sent(1);
        byte[] body = codec.encode(sample);
        report.add("store.event.bytes", body.length, "bytes", "Smile body of a message to a group of 5 (64-hex ids)");

        appendFigures(body);
        Path history = root.resolve("history");
        long events = buildHistory(history);
        report.add("store.history.events", events, "events", messages + " messages: 1 in 5 sent, the rest received + delivered");
        replayFigures(history, events);
        openFigures(history);
        report.print();
    }

    // ---- append ----

    private void appendFigures(byte[] body) {
        double rawRate = Report.median(1, 3, () -> rawAppendRate(body, APPENDS));
        List<Event> batch = new ArrayList<>();
        for (int i = 1; i <= APPENDS; i++) {
            batch.add(workload.sent(i));
        }
        double rate = Report.median(WARMUPS, RUNS, () -> appendRate(batch));
        report.add("store.append", rate, "events/s", "appendAll in batches of " + BATCH + ", encoding included");
        report.add("chronicle.append", rawRate, "events/s", "floor: the same bytes, raw appender, no Jackson");

        Histogram latency = new Histogram(3);
        try (EventLog log = EventLog.open(root.resolve("latency"))) {
            for (int i = 1; i <= LATENCY_SAMPLES * 2; i++) {
                long start = System.nanoTime();
                log.append(workload.sent(i)).block();
                if (i > LATENCY_SAMPLES) { // the first half warms up
                    latency.recordValue(System.nanoTime() - start);
                }
            }
        }
        report.add("store.append.latency.p50", latency.getValueAtPercentile(50) / 1000.0, "us", "one append(), caller to completion");
        report.add("store.append.latency.p99", latency.getValueAtPercentile(99) / 1000.0, "us");
        report.add("store.append.latency.p99.9", latency.getValueAtPercentile(99.9) / 1000.0, "us");
        report.add("store.append.latency.max", latency.getMaxValue() / 1000.0, "us");
    }

    private int runs;

    private double rawAppendRate(byte[] body, int n) {
        Path dir = root.resolve("raw-" + runs++);
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).build();
             ExcerptAppender appender = queue.createAppender()) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                try (DocumentContext dc = appender.writingDocument()) {
                    Bytes<?> out = dc.wire().bytes();
                    out.writeInt(EventCodec.SCHEMA_VERSION);
                    out.writeByte((byte) 2);
                    out.write(body);
                }
            }
            return n / seconds(start);
        } finally {
            deleteTree(dir);
        }
    }

    private double appendRate(List<Event> events) {
        Path dir = root.resolve("append-" + runs++);
        try (EventLog log = EventLog.open(dir)) {
            long start = System.nanoTime();
            reactor.core.publisher.Mono<List<Long>> last = null;
            for (int i = 0; i < events.size(); i += BATCH) {
                last = log.appendAll(events.subList(i, Math.min(events.size(), i + BATCH)));
            }
            last.block();
            return events.size() / seconds(start);
        } finally {
            deleteTree(dir);
        }
    }

    // ---- history, replay, open ----

    private long buildHistory(Path dir) {
        long events = 0;
        try (EventLog log = EventLog.open(dir)) {
            log.append(new Event.IdentityCreated(workload.self, "me", "key", 1)).block();
            events++;
            for (int first = 1; first <= messages; first += BATCH) {
                List<Event> batch = new ArrayList<>();
                for (int i = first; i < first + BATCH && i <= messages; i++) {
                    batch.add(i % 5 == 0 ? workload.sent(i) : workload.received(i));
                }
                log.appendAll(batch).block();
                List<Event> deliveries = new ArrayList<>();
                for (int k = 0; k < batch.size(); k++) {
                    if (batch.get(k) instanceof Event.MessageReceived) {
                        Event.MessageReceived r = (Event.MessageReceived) batch.get(k);
                        deliveries.add(new Event.MessageDelivered(r.id(), r.ts() + 1));
                    }
                }
                for (NodeId peer : workload.peers) {
                    deliveries.add(new Event.PeerAcked(peer, workload.linkSeq(peer), first));
                }
                log.appendAll(deliveries).block();
                events += batch.size() + deliveries.size();
            }
        }
        return events;
    }

    private void replayFigures(Path dir, long events) {
        double raw = Report.median(WARMUPS, RUNS, () -> events / rawReadSeconds(dir));
        Timing full = Timing.median(() -> {
            try (EventLog log = EventLog.open(dir)) {
                log.replay(logged -> { });
            }
        });
        Timing summaries = Timing.median(() -> {
            try (EventLog log = EventLog.open(dir)) {
                log.replaySummaries(logged -> { });
            }
        });
        report.add("store.replay", events / full.wall, "events/s", "complete events; target >= 1000000");
        report.add("store.replay.cpu", events / full.cpu, "events/s", "the same, per second of process CPU time (all cores)");
        report.add("store.replay.summaries", events / summaries.wall, "events/s", "without causal metadata, as the projections read");
        report.add("store.replay.summaries.cpu", events / summaries.cpu, "events/s", "the same, per second of process CPU time");
        report.add("chronicle.read", raw, "events/s", "floor: the same bytes copied out, no Jackson");
    }

    /**
     * Wall and CPU time (of the whole process: replay decodes on several threads) of one piece of
     * work, medians over the runs. On a shared machine wall time also counts waiting for a core;
     * CPU time is the work itself.
     */
    private static final class Timing {
        final double wall;
        final double cpu;

        private Timing(double wall, double cpu) {
            this.wall = wall;
            this.cpu = cpu;
        }

        static Timing median(Runnable work) {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            double[] walls = new double[RUNS];
            double[] cpus = new double[RUNS];
            for (int i = -WARMUPS; i < RUNS; i++) {
                long cpu = os.getProcessCpuTime();
                long start = System.nanoTime();
                work.run();
                if (i >= 0) {
                    walls[i] = seconds(start);
                    cpus[i] = (os.getProcessCpuTime() - cpu) / 1e9;
                }
            }
            java.util.Arrays.sort(walls);
            java.util.Arrays.sort(cpus);
            return new Timing(walls[RUNS / 2], cpus[RUNS / 2]);
        }
    }

    private static double rawReadSeconds(Path dir) {
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).build();
             ExcerptTailer tailer = queue.createTailer()) {
            byte[] buffer = new byte[4096];
            long start = System.nanoTime();
            long sum = 0;
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    Bytes<?> in = dc.wire().bytes();
                    int length = (int) in.readRemaining();
                    in.read(buffer, 0, length);
                    sum += buffer[length - 1];
                }
            }
            double s = seconds(start);
            return sum == Long.MIN_VALUE ? -1 : s;
        }
    }

    private void openFigures(Path dir) {
        Timing ready = Timing.median(() -> Store.open(dir).close());
        report.add("store.open.ready", ready.wall, "s", "Store.open to projections ready; target <= 2");
        report.add("store.open.ready.cpu", ready.cpu, "s", "process CPU time spent opening (all cores)");

        long before = usedHeapAfterGc();
        try (Store store = Store.open(dir)) {
            long after = usedHeapAfterGc();
            int size = store.history().size();
            report.add("store.projections.heap", (after - before) / 1e6, "MB",
                    "heap held by the projections of " + size + " messages; target <= 100");
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    /** Realistic traffic: this node and four peers with 64-hex ids, chatting in {@code all}. */
    private static final class Workload {
        final NodeId self = id(0);
        final List<NodeId> peers = List.of(id(1), id(2), id(3), id(4));
        final Set<NodeId> everyone = Set.of(self, id(1), id(2), id(3), id(4));
        private final Map<NodeId, Long> linkSeqs = new HashMap<>();
        private final Map<NodeId, Long> linkSeqsIn = new HashMap<>();
        private static final Target ALL = new Target.Group(GroupName.ALL);

        private static NodeId id(int n) {
            return new NodeId(String.format("%064x", 0x5eed_0000L + n).replace(' ', '0'));
        }

        long linkSeq(NodeId peer) {
            return linkSeqs.getOrDefault(peer, 0L);
        }

        private static String text(int i) {
            return "message " + i + ": shall we move the release review to Thursday afternoon?";
        }

        Event.MessageSent sent(int i) {
            Map<NodeId, List<Dependency>> meta = new HashMap<>();
            Map<NodeId, Long> links = new HashMap<>();
            for (NodeId peer : peers) {
                meta.put(peer, List.of(new Dependency(peers.get(i % 4), i, Set.of(peer, self))));
                links.put(peer, linkSeqs.merge(peer, 1L, Long::sum));
            }
            return new Event.MessageSent(new MessageId(self, i), Set.copyOf(peers), meta, links,
                    new Payload.Chat(ALL, text(i)), 1_700_000_000_000L + i, 1_700_000_000_000L + i);
        }

        Event.MessageReceived received(int i) {
            NodeId from = peers.get(i % 4);
            return new Event.MessageReceived(new MessageId(from, i), everyone,
                    List.of(new Dependency(self, i, Set.of(self, from)), new Dependency(peers.get((i + 1) % 4), i, Set.of(self))),
                    linkSeqsIn.merge(from, 1L, Long::sum), new Payload.Chat(ALL, text(i)),
                    1_700_000_000_000L + i, 1_700_000_000_005L + i);
        }
    }
}

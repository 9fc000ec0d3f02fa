package peerchat.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.slf4j.LoggerFactory;
import peerchat.engine.identity.Identity;
import peerchat.engine.net.InMemoryLinkJournal;
import peerchat.engine.net.LinkConfig;
import peerchat.engine.net.LinkJournal;
import peerchat.engine.net.Outbound;
import peerchat.engine.net.ReceivedSeqs;
import peerchat.engine.net.TcpPeerLinks;
import peerchat.store.event.NodeId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The peer links on loopback: delivered messages per second and send-to-deliver latency between
 * 2 and between 5 nodes (the journal in memory: the bench measures the links, not the log), the
 * time for 30 nodes to form a full mesh from one seed, and a raw TCP ping-pong in the same run as
 * the floor. A message counts as delivered when the receiver's journal has appended it.
 *
 * <p>{@code deploy/bench/run net [messages]} (default 300000 per throughput run).
 */
public final class NetBench {
    private static final int BODY = 64;

    private NetBench() {
    }

    public static void main(String[] args) throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;

        Report report = new Report("net: peer links on loopback (" + Runtime.getRuntime().availableProcessors() + " cores)");
        Histogram raw = new Histogram(3);
        double rawRtt = Report.median(1, 3, () -> rawPingPong(20_000, raw));
        report.add("net.raw_tcp.rtt_p50", rawRtt, "us", "floor: plain sockets, 64-byte ping-pong");
        report.add("net.raw_tcp.rtt_p99", raw.getValueAtPercentile(99) / 1000.0, "us", "(last run)");

        Histogram idle = new Histogram(3);
        double p50 = Report.median(1, 3, () -> closedLoopLatency(20_000, idle));
        report.add("net.2nodes.latency_p50", p50, "us", "one message in flight; target <= 100");
        report.add("net.2nodes.latency_p99", idle.getValueAtPercentile(99) / 1000.0, "us", "(last run) target <= 500");
        report.add("net.2nodes.latency_p999", idle.getValueAtPercentile(99.9) / 1000.0, "us", "(last run)");

        double tput2 = Report.median(1, 3, () -> throughput(2, messages));
        report.add("net.2nodes.throughput", tput2, "msg/s", "one sender, one receiver, as fast as it goes; target >= 100000");
        Histogram paced2 = new Histogram(3);
        double paced2p50 = Report.median(1, 3, () -> pacedLatency(2, 20_000, 60_000, paced2));
        report.add("net.2nodes.latency_at_20k_p50", paced2p50, "us", "20000 msg/s offered (latency under steady load)");
        report.add("net.2nodes.latency_at_20k_p99", paced2.getValueAtPercentile(99) / 1000.0, "us", "(last run)");

        double tput5 = Report.median(1, 3, () -> throughput(5, messages / 8));
        report.add("net.5nodes.throughput", tput5, "msg/s", "every node sends to the 4 others, all delivered");
        Histogram paced5 = new Histogram(3);
        double paced5p50 = Report.median(1, 3, () -> pacedLatency(5, 2_500, 10_000, paced5));
        report.add("net.5nodes.latency_at_50k_p50", paced5p50, "us", "each of the 20 links offered 2500 msg/s");
        report.add("net.5nodes.latency_at_50k_p99", paced5.getValueAtPercentile(99) / 1000.0, "us", "(last run)");

        double mesh = Report.median(1, 3, () -> meshFormation(30));
        report.add("net.mesh30.formation", mesh, "ms", "30 nodes, one seed, gossip completes the mesh");
        report.print();
        System.exit(0);
    }

    // ---------------------------------------------------------------- the floor

    private static double rawPingPong(int rounds, Histogram h) {
        h.reset();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread echo = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.setTcpNoDelay(true);
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    byte[] buf = new byte[BODY];
                    for (int i = 0; i < rounds; i++) {
                        in.readFully(buf);
                        out.write(buf);
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            echo.start();
            try (Socket c = new Socket()) {
                c.connect(server.getLocalSocketAddress());
                c.setTcpNoDelay(true);
                DataInputStream in = new DataInputStream(c.getInputStream());
                DataOutputStream out = new DataOutputStream(c.getOutputStream());
                byte[] buf = new byte[BODY];
                for (int i = 0; i < rounds; i++) {
                    long t0 = System.nanoTime();
                    out.write(buf);
                    out.flush();
                    in.readFully(buf);
                    if (i >= rounds / 5) {
                        h.recordValue(System.nanoTime() - t0);
                    }
                }
            }
            echo.join();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return h.getValueAtPercentile(50) / 1000.0;
    }

    // ---------------------------------------------------------------- our links

    /** Counts deliveries and records send-to-append latency from the send time in the body. */
    private static final class TimingJournal implements LinkJournal {
        final InMemoryLinkJournal inner = new InMemoryLinkJournal();
        final AtomicLong delivered = new AtomicLong();
        final Histogram histogram;

        TimingJournal(Histogram histogram) {
            this.histogram = histogram;
        }

        @Override
        public Mono<Void> receive(NodeId from, long linkSeq, byte[] body) {
            long latency = System.nanoTime() - ByteBuffer.wrap(body).getLong();
            synchronized (histogram) {
                histogram.recordValue(Math.max(0, latency));
            }
            delivered.incrementAndGet();
            return Mono.empty(); // appended (the bench keeps no bodies: memory stays flat)
        }

        @Override
        public ReceivedSeqs receivedFrom(NodeId from) {
            return inner.receivedFrom(from);
        }

        @Override
        public Flux<Outbound> unacked(NodeId peer, long afterLinkSeq) {
            return inner.unacked(peer, afterLinkSeq);
        }

        @Override
        public void acked(NodeId peer, long upToLinkSeq) {
            inner.acked(peer, upToLinkSeq);
        }

        @Override
        public long ackedUpTo(NodeId peer) {
            return inner.ackedUpTo(peer);
        }

        void send(TcpPeerLinks links, NodeId to) {
            byte[] body = new byte[BODY];
            ByteBuffer.wrap(body).putLong(System.nanoTime());
            Outbound o = inner.recordSend(to, body, 0);
            links.send(to, o.linkSeq(), body, 0);
        }
    }

    private record BenchNode(TcpPeerLinks links, TimingJournal journal, InetSocketAddress address) {
        NodeId id() {
            return links.selfId();
        }
    }

    private static List<BenchNode> cluster(int n, Histogram h, LinkConfig base) {
        List<BenchNode> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TimingJournal j = new TimingJournal(h);
            TcpPeerLinks links = new TcpPeerLinks(Identity.generate(), j,
                    base.withName("b" + i).withListen(new InetSocketAddress("127.0.0." + (10 + i), 0)), Clock.systemUTC());
            nodes.add(new BenchNode(links, j, links.start().block(Duration.ofSeconds(10))));
        }
        for (int i = 1; i < n; i++) {
            nodes.get(i).links().connect(nodes.get(0).address());
        }
        awaitMesh(nodes);
        return nodes;
    }

    private static void awaitMesh(List<BenchNode> nodes) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Set<NodeId> all = nodes.stream().map(BenchNode::id).collect(Collectors.toSet());
        while (true) {
            boolean done = true;
            for (BenchNode b : nodes) {
                if (b.links().connected().size() != all.size() - 1) {
                    done = false;
                    break;
                }
            }
            if (done) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("mesh did not form within 120 s");
            }
            LockSupport.parkNanos(200_000);
        }
    }

    private static void close(List<BenchNode> nodes) {
        nodes.parallelStream().forEach(b -> b.links().close().block(Duration.ofSeconds(30)));
    }

    private static double closedLoopLatency(int rounds, Histogram h) {
        Histogram scratch = new Histogram(3);
        List<BenchNode> nodes = cluster(2, scratch, LinkConfig.lan());
        try {
            BenchNode a = nodes.get(0);
            BenchNode b = nodes.get(1);
            for (int i = 0; i < rounds; i++) {
                if (i == rounds / 5) {
                    synchronized (scratch) {
                        scratch.reset();
                    }
                }
                long before = b.journal().delivered.get();
                a.journal().send(a.links(), b.id());
                while (b.journal().delivered.get() == before) {
                    Thread.onSpinWait();
                }
            }
            synchronized (scratch) {
                h.reset();
                h.add(scratch);
            }
            return h.getValueAtPercentile(50) / 1000.0;
        } finally {
            close(nodes);
        }
    }

    /** Every node sends {@code perLink} messages to every other; delivered messages per second overall. */
    private static double throughput(int n, int perLink) {
        return run(n, perLink, 0, new Histogram(3));
    }

    /** Every node sends to every other at {@code perLinkRate} messages per second; the latency histogram. */
    private static double pacedLatency(int n, int perLinkRate, int perLink, Histogram h) {
        run(n, perLink, perLinkRate, h);
        return h.getValueAtPercentile(50) / 1000.0;
    }

    private static double run(int n, int perLink, int perLinkRate, Histogram h) {
        Histogram scratch = new Histogram(3);
        List<BenchNode> nodes = cluster(n, scratch, LinkConfig.lan());
        try {
            synchronized (scratch) {
                scratch.reset();
            }
            long expected = (long) perLink * n * (n - 1);
            long t0 = System.nanoTime();
            List<Thread> senders = new ArrayList<>();
            for (BenchNode from : nodes) {
                Thread t = new Thread(() -> {
                    long start = System.nanoTime();
                    for (int i = 0; i < perLink; i++) {
                        if (perLinkRate > 0) {
                            // Parked, not spinning: on a small machine a spinning sender would
                            // starve the event loops it is measuring.
                            long due = start + (long) i * 1_000_000_000L / perLinkRate;
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                        for (BenchNode to : nodes) {
                            if (to != from) {
                                from.journal().send(from.links(), to.id());
                            }
                        }
                    }
                });
                t.start();
                senders.add(t);
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (nodes.stream().mapToLong(b -> b.journal().delivered.get()).sum() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not all delivered within 5 minutes");
                }
                LockSupport.parkNanos(100_000);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            for (Thread t : senders) {
                t.join();
            }
            synchronized (scratch) {
                h.reset();
                h.add(scratch);
            }
            return expected / seconds;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            close(nodes);
        }
    }

    private static double meshFormation(int n) {
        long t0 = System.nanoTime();
        List<BenchNode> nodes = cluster(n, new Histogram(3), LinkConfig.lan());
        double ms = (System.nanoTime() - t0) / 1e6;
        close(nodes);
        return ms;
    }
}

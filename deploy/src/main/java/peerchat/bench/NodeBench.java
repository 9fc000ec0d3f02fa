package peerchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Send→deliver latency between two real node processes on loopback, as a script sees it: the
 * moment the sender prints a message (it is logged and on its way) to the moment the receiver
 * prints it (received, logged and delivered), both read from their {@code --json} output by this
 * process with one clock. Messages go one at a time (each after the previous arrived), so the
 * figure is latency, not queueing. Usage: {@code deploy/bench/run node [messages]}.
 */
public final class NodeBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeBench() {
    }

    /** A node process whose output lines are timestamped as they arrive. */
    private static final class Proc implements AutoCloseable {
        final Process process;
        final Writer in;
        final LinkedBlockingQueue<JsonNode> ready = new LinkedBlockingQueue<>();
        final Map<String, Long> printedAt = new ConcurrentHashMap<>();
        final LinkedBlockingQueue<String> printed = new LinkedBlockingQueue<>();

        Proc(String name, Path data, String host, String peer) throws IOException {
            String jar = Path.of(NodeBench.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(jvmFlags());
            cmd.addAll(List.of("-jar", jar, "--name", name, "--data", data.toString(), "--listen", host + ":0", "--discovery=off", "--json"));
            if (peer != null) {
                cmd.addAll(List.of("--peer", peer));
            }
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> read(), "out-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    long now = System.nanoTime();
                    JsonNode j = JSON.readTree(line);
                    String event = j.path("event").asText();
                    if (event.equals("message")) {
                        printedAt.put(j.path("text").asText(), now);
                        printed.add(j.path("text").asText());
                    } else if (event.equals("ready") || (event.equals("result") && j.path("command").asText().equals("listusers"))) {
                        ready.add(j);
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        }

        void send(String line) throws IOException {
            in.write(line + "\n");
            in.flush();
        }

        @Override
        public void close() throws Exception {
            in.close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static List<String> jvmFlags() {
        Path options = Path.of("deploy/target/jvm.options");
        try {
            return Files.exists(options) ? Arrays.asList(Files.readString(options).trim().split("\\s+")) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void awaitPrinted(Proc p, String text) throws InterruptedException {
        while (!p.printedAt.containsKey(text)) {
            if (p.printed.poll(30, TimeUnit.SECONDS) == null) {
                throw new IllegalStateException("message " + text + " did not arrive");
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int warmup = 500;
        Path dir = Files.createTempDirectory("peerchat-nodebench");
        try (Proc alice = new Proc("alice", dir.resolve("alice"), "127.0.0.31", null)) {
            String listen = alice.ready.take().path("listen").asText();
            try (Proc bob = new Proc("bob", dir.resolve("bob"), "127.0.0.32", listen)) {
                bob.ready.take();
                while (true) {
                    bob.send("-lu");
                    JsonNode users = bob.ready.take();
                    if (users.path("users").size() == 2) {
                        break;
                    }
                    Thread.sleep(100);
                }
                Histogram micros = new Histogram(10_000_000, 3);
                for (int i = 0; i < warmup + n; i++) {
                    String text = "m" + i;
                    alice.send("@bob " + text);
                    // block (not spin: the two nodes have only the machine's other cores)
                    awaitPrinted(bob, text);
                    awaitPrinted(alice, text);
                    if (i >= warmup) {
                        micros.recordValue(Math.max(0, (bob.printedAt.get(text) - alice.printedAt.get(text)) / 1000));
                    }
                }
                new Report("two node processes, direct messages one at a time, " + n + " after " + warmup + " warm-up")
                        .add("node.latency.p50", micros.getValueAtPercentile(50), "us", "sender prints -> receiver prints")
                        .add("node.latency.p99", micros.getValueAtPercentile(99), "us")
                        .add("node.latency.max", micros.getMaxValue(), "us")
                        .print();
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

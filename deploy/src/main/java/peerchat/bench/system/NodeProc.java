package peerchat.bench.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real node in a child JVM (the packaged jar, {@code --json}, log on, discovery off), driven
 * as a script would: commands on stdin, its output read and timestamped by this process.
 */
public final class NodeProc implements Participant {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Flags of a benchmarked node: full JIT, a fixed heap, so its memory figure means something. */
    static final List<String> NODE_FLAGS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC");

    private final Process process;
    private final Writer in;
    private final Tracker tracker;
    private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
    private final Set<String> online = new HashSet<>();
    private final long startedAt = System.nanoTime();
    private volatile long readyAt;

    private NodeProc(Process process, Tracker tracker) {
        this.process = process;
        this.tracker = tracker;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "node-out-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a node listening on {@code listen} ({@code host:port}), dialing {@code peers}. */
    public static NodeProc start(String name, Path data, String listen, Tracker tracker, String... peers) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmFlags());
        cmd.addAll(classData());
        cmd.addAll(NODE_FLAGS);
        cmd.addAll(List.of("-jar", jar(), "--name", name, "--data", data.toString(), "--listen", listen, "--discovery=off", "--json"));
        for (String p : peers) {
            cmd.addAll(List.of("--peer", p));
        }
        try {
            return new NodeProc(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start(), tracker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar this class was loaded from: the benchmarks run from deploy/target/peerchat.jar. */
    static String jar() {
        try {
            return Path.of(NodeProc.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** deploy/target/jvm.options, beside the jar: the flags Chronicle Queue needs. */
    static List<String> jvmFlags() {
        Path options = Path.of(jar()).resolveSibling("jvm.options");
        try {
            return Files.exists(options) ? Arrays.asList(Files.readString(options).trim().split("\\s+")) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The class data archive {@code ./peerchat} keeps beside the jar (it also makes it for
     * {@code bench/run}), used as the launcher uses it. One the JVM cannot use is passed over.
     */
    static List<String> classData() {
        Path archive = Path.of(jar()).resolveSibling("peerchat.jsa");
        return Files.exists(archive) ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                long now = System.nanoTime();
                // Cheap test first: a flood prints tens of thousands of lines a second.
                if (line.startsWith("{\"event\":\"message\"")) {
                    JsonNode j = JSON.readTree(line);
                    if (j.path("own").asBoolean()) {
                        tracker.printed(j.path("text").asText(), now);
                    } else {
                        tracker.arrived(j.path("text").asText(), now);
                    }
                    continue;
                }
                JsonNode j = JSON.readTree(line);
                String event = j.path("event").asText();
                if (event.equals("ready")) {
                    readyAt = now;
                    ready.complete(j);
                } else if (event.equals("peer-up") || event.equals("peer-down")) {
                    synchronized (online) {
                        if (event.equals("peer-up")) {
                            online.add(j.path("id").asText());
                        } else {
                            online.remove(j.path("id").asText());
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            ready.completeExceptionally(new IllegalStateException("the node exited before it was ready"));
        }
    }

    /** Waits for {@code ready}; returns the nanoseconds from process launch to it. */
    public long awaitReady(long timeout, TimeUnit unit) {
        try {
            ready.get(timeout, unit);
        } catch (Exception e) {
            throw new IllegalStateException("node not ready: " + e.getMessage(), e);
        }
        return readyAt - startedAt;
    }

    public String listen() {
        return ready.join().path("listen").asText();
    }

    public int online() {
        synchronized (online) {
            return online.size();
        }
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void send(String text) {
        write("#all " + text + "\n");
    }

    @Override
    public void sendAll(List<String> texts) {
        StringBuilder b = new StringBuilder();
        for (String t : texts) {
            b.append("#all ").append(t).append('\n');
        }
        write(b.toString());
    }

    private void write(String s) {
        try {
            synchronized (in) {
                in.write(s);
                in.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** EOF on stdin: the node shuts down cleanly (SIGKILL if it has not within 30 s). */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

package peerchat.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A real node in a child JVM, driven through {@code --json}: commands written to its stdin, one
 * JSON object a line read from its stdout. Killed with SIGKILL or closed by EOF on stdin.
 */
final class JsonNodeProcess implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    final Path dataDir;
    final String host;
    private final Process process;
    private final Writer stdin;
    private final List<JsonNode> lines = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    /** Lines written so far: each gets exactly one reply, in order. */
    private int linesSent;

    private JsonNodeProcess(String name, Path dataDir, String host, Process process) {
        this.name = name;
        this.dataDir = dataDir;
        this.host = host;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread out = new Thread(this::readStdout, "stdout-" + name);
        out.setDaemon(true);
        out.start();
        Thread err = new Thread(this::readStderr, "stderr-" + name);
        err.setDaemon(true);
        err.start();
    }

    /** Starts {@code name} listening on {@code host}, any port, seeded with {@code peers}; waits for ready. */
    static JsonNodeProcess start(String name, Path dataDir, String host, String... peers) {
        return launch(name, dataDir, List.of("--name", name), host, peers);
    }

    /** Starts the node of {@code dataDir} again without {@code --name}: under the name stored there. */
    static JsonNodeProcess startAgain(Path dataDir, String host, String... peers) {
        return launch(dataDir.getFileName().toString(), dataDir, List.of(), host, peers);
    }

    private static JsonNodeProcess launch(String name, Path dataDir, List<String> naming, String host, String... peers) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(System.getProperty("peerchat.jvm.flags", "").trim().split("\\s+")));
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("peerchat.ui.launch.Main");
        cmd.addAll(naming);
        cmd.addAll(List.of("--data", dataDir.toString(), "--listen", host + ":0", "--discovery=off", "--json"));
        for (String p : peers) {
            cmd.add("--peer");
            cmd.add(p);
        }
        cmd.removeIf(String::isEmpty);
        try {
            JsonNodeProcess node = new JsonNodeProcess(name, dataDir, host, new ProcessBuilder(cmd).start());
            node.awaitLine(l -> l.path("event").asText().equals("ready"));
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode parsed;
                try {
                    parsed = JSON.readTree(line);
                } catch (IOException e) {
                    parsed = JSON.createObjectNode().put("event", "NOT-JSON").put("line", line);
                }
                synchronized (lines) {
                    lines.add(parsed);
                }
            }
        } catch (IOException ignored) {
            // the process died: what it printed is kept
        }
    }

    private void readStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (stderr) {
                    stderr.append(line).append('\n');
                }
            }
        } catch (IOException ignored) {
            // the process died
        }
    }

    String id() {
        return ready().path("id").asText();
    }

    /** {@code host:port} it listens on. */
    String listen() {
        return ready().path("listen").asText();
    }

    JsonNode ready() {
        return linesMatching(l -> l.path("event").asText().equals("ready")).get(0);
    }

    List<JsonNode> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    List<JsonNode> linesMatching(Predicate<JsonNode> p) {
        return lines().stream().filter(p).collect(Collectors.toList());
    }

    List<JsonNode> messages() {
        return linesMatching(l -> l.path("event").asText().equals("message"));
    }

    List<String> messageTexts() {
        return messages().stream().map(m -> m.path("text").asText()).collect(Collectors.toList());
    }

    JsonNode awaitLine(Predicate<JsonNode> p) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .failFast("node " + name + " died:\n" + stderrText(), () -> !process.isAlive() && linesMatching(p).isEmpty())
                .until(() -> !linesMatching(p).isEmpty());
        return linesMatching(p).get(0);
    }

    void awaitMessage(String text) {
        awaitLine(l -> l.path("event").asText().equals("message") && l.path("text").asText().equals(text));
    }

    /** Writes one command line without waiting for its reply. */
    void send(String line) {
        linesSent++;
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one command line and returns its reply (a {@code result} or {@code error} line). */
    JsonNode command(String line) {
        send(line);
        int n = linesSent;
        Predicate<JsonNode> reply = l -> l.path("event").asText().equals("result") || l.path("event").asText().equals("error");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10))
                .failFast("node " + name + " died:\n" + stderrText(), () -> !process.isAlive())
                .until(() -> linesMatching(reply).size() >= n);
        return linesMatching(reply).get(n - 1);
    }

    String stderrText() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** EOF on stdin, as a script ending: the node closes cleanly. Returns the exit code. */
    int quit() throws InterruptedException {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}

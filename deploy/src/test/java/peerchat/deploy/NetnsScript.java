package peerchat.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Drives {@code deploy/netns} as a user would: one script invocation per action, each bounded in
 * time, its exit status and output kept. A node's output is read from the file the script
 * redirects it to, one JSON object a line.
 */
final class NetnsScript implements AutoCloseable {
    /** The script's "cannot run here" status: a skip, not a failure. */
    static final int EXIT_SKIP = 77;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 120;

    /** What one invocation did. */
    record Run(int status, String output) {
    }

    private final Path script;
    private final Path jar;
    private final String prefix;
    private final Path state;

    NetnsScript(Path moduleDir, String prefix, Path state) {
        this.script = moduleDir.resolve("netns");
        this.jar = moduleDir.resolve("target/peerchat.jar");
        this.prefix = prefix;
        this.state = state;
    }

    static Path moduleDir() {
        // Surefire and failsafe run in the module's directory and say so in basedir.
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /** The nodes run on the JVM that runs the tests. */
    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    Path jar() {
        return jar;
    }

    Run run(String... args) {
        List<String> cmd = new ArrayList<>(List.of(script.toString(), "--prefix", prefix, "--state", state.toString(), "--jar", jar.toString()));
        cmd.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("netns-run", ".txt");
            try {
                ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
                b.environment().put("PEERCHAT_JAVA", javaBinary());
                Process p = b.start();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new IllegalStateException("deploy/netns " + String.join(" ", args) + " took longer than " + TIMEOUT_SECONDS + " s:\n" + Files.readString(out));
                }
                return new Run(p.exitValue(), Files.readString(out));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs an action that must succeed. */
    String ok(String... args) {
        Run r = run(args);
        if (r.status() != 0) {
            throw new IllegalStateException("deploy/netns " + String.join(" ", args) + " exited " + r.status() + ":\n" + r.output());
        }
        return r.output();
    }

    /** Everything node {@code i} has printed so far, across its restarts. */
    List<JsonNode> lines(int i) {
        Path out = state.resolve(Integer.toString(i)).resolve("out.jsonl");
        List<JsonNode> lines = new ArrayList<>();
        if (!Files.exists(out)) {
            return lines;
        }
        try {
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    lines.add(parse(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            // The last line may be half written; anything else unparsable is kept visible.
            return JSON.createObjectNode().put("event", "NOT-JSON").put("line", line);
        }
    }

    /** Texts of the messages node {@code i} has sent or delivered. */
    List<String> messages(int i) {
        List<String> texts = new ArrayList<>();
        for (JsonNode l : lines(i)) {
            if (l.path("event").asText().equals("message")) {
                texts.add(l.path("text").asText());
            }
        }
        return texts;
    }

    /**
     * Texts of the messages in node {@code i}'s stored history of {@code #all}, oldest first: asks
     * the node ({@code -history}) and waits for that answer.
     */
    List<String> history(int i) {
        long before = historyReplies(i).size();
        ok("send", Integer.toString(i), "-history #all 1000");
        org.awaitility.Awaitility.await("node " + i + " answers -history").atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(100)).until(() -> historyReplies(i).size() > before);
        List<JsonNode> replies = historyReplies(i);
        List<String> texts = new ArrayList<>();
        replies.get(replies.size() - 1).path("messages").forEach(m -> texts.add(m.path("text").asText()));
        return texts;
    }

    private List<JsonNode> historyReplies(int i) {
        List<JsonNode> replies = new ArrayList<>();
        for (JsonNode l : lines(i)) {
            if (l.path("event").asText().equals("result") && l.path("command").asText().equals("history")) {
                replies.add(l);
            }
        }
        return replies;
    }

    /** Ids of the peers node {@code i} currently sees online, from its peer-up/peer-down events. */
    Set<String> online(int i) {
        Set<String> up = new HashSet<>();
        for (JsonNode l : lines(i)) {
            String event = l.path("event").asText();
            if (event.equals("ready")) {
                up.clear();
            } else if (event.equals("peer-up")) {
                up.add(l.path("id").asText());
            } else if (event.equals("peer-down")) {
                up.remove(l.path("id").asText());
            }
        }
        return up;
    }

    /** The node id node {@code i} announced when it was last ready. */
    String id(int i) {
        String id = null;
        for (JsonNode l : lines(i)) {
            if (l.path("event").asText().equals("ready")) {
                id = l.path("id").asText();
            }
        }
        return id;
    }

    String stderr(int i) {
        try {
            Path err = state.resolve(Integer.toString(i)).resolve("err.log");
            return Files.exists(err) ? Files.readString(err) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Namespaces of this network that exist now (ip netns list). */
    List<String> namespaces() {
        List<String> mine = new ArrayList<>();
        for (String line : ip("netns", "list").split("\n")) {
            String name = line.trim().split("\\s+")[0];
            if (name.startsWith(prefix + "-")) {
                mine.add(name);
            }
        }
        return mine;
    }

    /** Interfaces of the namespace this test runs in, by name (ip -o link). */
    Set<String> hostInterfaces() {
        Set<String> names = new HashSet<>();
        for (String line : ip("-o", "link", "show").split("\n")) {
            String[] parts = line.split(":\\s+");
            if (parts.length > 1) {
                names.add(parts[1].split("@")[0]);
            }
        }
        return names;
    }

    private static String ip(String... args) {
        try {
            List<String> cmd = new ArrayList<>(List.of("ip"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Tears the network down whatever state it is in. */
    @Override
    public void close() {
        run("down");
    }
}

package peerchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/demo} as a newcomer uses it: the demo runs, and a node started the way it says
 * (here with the {@code --peer} it prints, so no beacon is needed) joins #demo, hears the bots
 * and is heard in the demo's transcript. The demo then ends by itself and leaves nothing behind.
 */
@Timeout(150)
class DemoIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern PEER = Pattern.compile("--peer (127\\.0\\.0\\.\\d+:\\d+)");
    private static final Pattern DATA = Pattern.compile("data in (\\S+)\\)");

    @TempDir
    Path temp;

    @Test
    void aNewcomerJoinsTheBotsInDemo() throws Exception {
        Path module = NetnsScript.moduleDir();
        Path jar = module.resolve("target/peerchat.jar");
        ProcessBuilder demoBuilder = new ProcessBuilder(module.resolve("demo").toString(), "--bots", "2", "--seconds", "25", "--jar", jar.toString())
                .redirectErrorStream(true);
        demoBuilder.environment().put("PEERCHAT_JAVA", NetnsScript.javaBinary());
        Process demo = demoBuilder.start();
        List<String> transcript = reader(demo, s -> s);
        Process you = null;
        try {
            await("the demo prints how to join").atMost(WAIT).until(() -> transcript.stream().anyMatch(l -> PEER.matcher(l).find()));
            String peer = transcript.stream().map(PEER::matcher).filter(Matcher::find).findFirst().orElseThrow().group(1);
            String data = transcript.stream().map(DATA::matcher).filter(Matcher::find).findFirst().orElseThrow().group(1);

            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(Arrays.asList(System.getProperty("peerchat.jvm.flags", "").trim().split("\\s+")));
            cmd.removeIf(String::isEmpty);
            cmd.addAll(List.of("-Xmx256m", "-jar", jar.toString(), "--name", "you", "--data", temp.resolve("you").toString(),
                    "--listen", "127.0.0.1:0", "--discovery=off", "--peer", peer, "--json"));
            you = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<JsonNode> out = reader(you, DemoIT::parse);
            Writer in = new OutputStreamWriter(you.getOutputStream(), StandardCharsets.UTF_8);

            // The bots tell a newcomer about their groups when they first meet it.
            await("you hear of #demo").atMost(WAIT).until(() -> out.stream().anyMatch(l -> l.path("group").asText().equals("demo")));
            in.write("-joingroup demo\n");
            in.flush();
            await("you join #demo").atMost(WAIT).until(() -> out.stream().anyMatch(l -> l.path("command").asText().equals("joingroup")));
            assertThat(out.stream().filter(l -> l.path("command").asText().equals("joingroup")).findFirst().orElseThrow()
                    .path("event").asText()).isEqualTo("result");
            await("a bot's line reaches you").atMost(WAIT).until(() -> out.stream().anyMatch(l ->
                    l.path("event").asText().equals("message") && l.path("to").asText().equals("#demo") && l.path("from").asText().endsWith("-bot")));
            in.write("#demo hello bots\n");
            in.flush();
            await("the demo shows your line").atMost(WAIT).until(() -> transcript.stream().anyMatch(l -> l.contains("<you> hello bots")));

            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo ends after --seconds").isTrue();
            assertThat(demo.exitValue()).as(String.join("\n", transcript)).isZero();
            assertThat(Path.of(data)).as("the bots' data is removed").doesNotExist();
        } finally {
            if (you != null) {
                you.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (demo.isAlive()) {
                // SIGTERM: the demo's trap stops its bots.
                demo.destroy();
                demo.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return JSON.createObjectNode().put("event", "NOT-JSON").put("line", line);
        }
    }

    private static <T> List<T> reader(Process p, java.util.function.Function<String, T> f) {
        List<T> lines = new CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(f.apply(line));
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "demo-it-reader");
        t.setDaemon(true);
        t.start();
        return lines;
    }
}

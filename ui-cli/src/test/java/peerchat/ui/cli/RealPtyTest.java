package peerchat.ui.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import peerchat.ui.launch.FileLogging;

/**
 * The terminal UI under a real pseudo-terminal ({@code script} from util-linux allocates it):
 * proves that on Java 17 JLine gets a system terminal through its JNI provider (not a dumb one),
 * and that completion and quitting work there as in the in-memory tests.
 */
@EnabledOnOs(OS.LINUX)
class RealPtyTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Process process;
    private final StringBuffer screen = new StringBuffer();

    @AfterEach
    void kill() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Test
    void getsASystemTerminalCompletesAndQuitsCleanly() throws Exception {
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.addAll(Arrays.asList(System.getProperty("peerchat.jvm.flags", "").trim().split("\\s+")));
        java.addAll(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                PtyMain.class.getName(), dir.toString()));
        java.removeIf(String::isEmpty);
        String command = java.stream().map(RealPtyTest::quote).collect(Collectors.joining(" "));
        ProcessBuilder pb = new ProcessBuilder("script", "-qfec", "stty cols 160 rows 40; exec " + command, "/dev/null");
        pb.environment().put("TERM", "xterm-256color");
        pb.environment().remove("NO_COLOR");
        pb.redirectErrorStream(true);
        process = pb.start();
        Thread reader = new Thread(() -> copy(process.getInputStream()), "pty-out");
        reader.setDaemon(true);
        reader.start();
        OutputStream keys = process.getOutputStream();

        await().atMost(WAIT).until(() -> plain().contains("alice@127.0.0.1:7117 #all> "));
        type(keys, "@bo\thi from a pty\r");
        await().atMost(WAIT).until(() -> plain().contains("alice: @bob hi from a pty"));
        type(keys, "-q\r");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(screen.toString()).isZero();
        await().atMost(WAIT).until(() -> plain().contains("bye"));

        String log = Files.readString(dir.resolve(FileLogging.FILE_NAME));
        assertThat(log).contains("terminal: Jni").contains("type xterm-256color");
        // Colour is on for a real terminal: the prompt's name is styled.
        assertThat(screen.toString()).contains("\u001b[");
        assertThat(Files.readString(dir.resolve(TerminalFrontend.HISTORY_FILE))).contains("@bob hi from a pty");
    }

    private static void type(OutputStream keys, String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private String plain() {
        return screen.toString().replaceAll("\u001B\\[[0-9;?]*[ -/]*[@-~]", "").replace("\r", "");
    }

    private void copy(InputStream in) {
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                screen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }
}

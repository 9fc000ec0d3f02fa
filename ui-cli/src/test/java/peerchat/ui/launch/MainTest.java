package peerchat.ui.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Main main = new Main(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dir.resolve("home"));
        return main.run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryFlag() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("--name", "--data", "--listen", "--peer", "--discovery", "--discovery-interface",
                "--gui", "--json", "--help", "--version");
        assertThat(err()).isEmpty();
    }

    @Test
    void versionSaysWhichBuild() {
        assertThat(run("--version")).isZero();
        assertThat(out()).startsWith("peerchat ").doesNotContain("${");
    }

    @Test
    void anUnknownFlagIsAClearErrorWithStatusTwo() {
        assertThat(run("--name", "a", "--colour")).isEqualTo(Main.USAGE);
        assertThat(err()).contains("peerchat: Unknown option: '--colour'", "--help");
        assertThat(out()).isEmpty();
    }

    @Test
    void aBadValueSaysWhichFlag() {
        assertThat(run("--name", "a", "--listen", "nowhere:port")).isEqualTo(Main.USAGE);
        assertThat(err()).contains("--listen", "not a number");
        assertThat(run("--name", "a", "--discovery", "sometimes")).isEqualTo(Main.USAGE);
        assertThat(err()).contains("on or off");
    }

    @Test
    void noNameOnFirstStartIsAClearError() {
        assertThat(run("--data", dir.resolve("fresh").toString())).isEqualTo(Main.USAGE);
        assertThat(err()).contains("no name is stored in", "--name NAME");
        assertThat(run()).isEqualTo(Main.USAGE);
    }

    @Test
    void withoutANameTheNodesOfThisMachineAreNamed() {
        NameFile.store(dir.resolve("home/.peerchat/zed"), "zed");
        NameFile.store(dir.resolve("home/.peerchat/amy"), "amy");
        assertThat(run("--discovery", "off")).isEqualTo(Main.USAGE);
        assertThat(err()).contains("--name NAME is required: this machine has the nodes amy, zed (in "
                + dir.resolve("home/.peerchat") + ")");
    }

    /** The only node under ~/.peerchat starts again with no flag naming it. */
    @Test
    void withoutANameTheOnlyNodeOfThisMachineStarts() throws Exception {
        Path home = dir.resolve("home");
        NameFile.store(home.resolve(".peerchat/zed"), "zed");
        Process p = child(List.of("-Duser.home=" + home), "--listen", "127.0.0.1:0", "--discovery", "off", "--json");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        assertThat(stdout).startsWith("{\"event\":\"ready\"").contains("\"name\":\"zed\"");
        assertThat(home.resolve(".peerchat/zed/" + FileLogging.FILE_NAME)).exists();
    }

    /** Main in a child JVM (a start configures the process's logging), its stdin already closed. */
    private static Process child(List<String> jvmArgs, String... args) throws Exception {
        return child(Main.class, jvmArgs, args);
    }

    private static Process child(Class<?> main, List<String> jvmArgs, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(System.getProperty("peerchat.jvm.flags", "").trim().split("\\s+")));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        cmd.removeIf(String::isEmpty);
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        return p;
    }

    @Test
    void aDataDirectoryThatIsAFileSaysSo() throws Exception {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        assertThat(run("--name", "a", "--data", file.toString(), "--json")).isEqualTo(Main.FAILED);
        assertThat(err()).isEqualTo("peerchat: cannot use the data directory " + file + ": " + file + " is a file, not a directory"
                + System.lineSeparator());
    }

    @Test
    void guiWithoutTheSwingModuleIsAClearError() {
        assertThat(run("--name", "a", "--data", dir.resolve("g").toString(), "--gui")).isEqualTo(Main.USAGE);
        assertThat(err()).contains("--gui", "no Swing window");
        assertThat(dir.resolve("g")).doesNotExist();
    }

    /**
     * In a child JVM, because a start configures the process's logging: a node that cannot start
     * (its port is taken) is a one-line error with status 1, stdout stays clean for scripts, the
     * log file says why, and the name is stored for the next start.
     */
    @Test
    void aNodeThatCannotStartExitsWithOneAndLogsToTheDataDirectory() throws Exception {
        Path data = dir.resolve("node");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Process p = child(List.of(), "--name", "dora", "--data", data.toString(),
                    "--listen", "127.0.0.1:" + taken.getLocalPort(), "--discovery", "off", "--json");
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(stderr).isEqualTo(Main.FAILED);
            assertThat(stdout).isEmpty();
            assertThat(stderr).startsWith("peerchat: cannot start the node: ");
            assertThat(stderr.lines()).hasSize(1);
            assertThat(Files.readString(data.resolve(FileLogging.FILE_NAME))).contains("the node did not start");
            assertThat(NameFile.read(data)).contains("dora");
        }
    }

    /**
     * A data directory whose lock file the node cannot open says why, not only which file (QA: a
     * read-only data directory gave "cannot open .../lock" and nothing more). Tests run as root
     * here, which permissions do not stop, so the lock is a directory: the reason comes the same way.
     */
    @Test
    void aLockFileThatCannotBeOpenedSaysWhy() throws Exception {
        Path data = dir.resolve("node");
        Files.createDirectories(data.resolve("lock"));
        Process p = child(List.of(), "--name", "dora", "--data", data.toString(), "--listen", "127.0.0.1:0", "--discovery", "off", "--json");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(stderr).isEqualTo(Main.FAILED);
        assertThat(stderr).isEqualTo("peerchat: cannot start the node: cannot open " + data.resolve("lock") + ": is a directory"
                + System.lineSeparator());
    }

    /** The reasons a read-only data directory gives, for a user (root) who cannot be refused one. */
    @Test
    void aFileTheNodeCannotOpenSaysWhyOnce() {
        Path lock = dir.resolve("node/lock");
        assertThat(Main.reason(new UncheckedIOException("cannot open " + lock, new AccessDeniedException(lock.toString()))))
                .isEqualTo("cannot open " + lock + ": permission denied");
        assertThat(Main.reason(new UncheckedIOException("cannot open " + lock,
                new FileSystemException(lock.toString(), null, "Read-only file system"))))
                .isEqualTo("cannot open " + lock + ": read-only file system");
        assertThat(Main.reason(new UncheckedIOException("cannot open " + lock + ": permission denied",
                new AccessDeniedException(lock.toString()))))
                .isEqualTo("cannot open " + lock + ": permission denied");
        assertThat(Main.reason(new IllegalStateException("cannot listen on 127.0.0.1:1: the address is in use")))
                .isEqualTo("cannot listen on 127.0.0.1:1: the address is in use");
    }

    /**
     * {@link SlowStartMain} in a child JVM, sent a SIGINT (what Ctrl-C is before the terminal UI
     * takes the keys) once its node has begun to start; waits for its end.
     */
    private Interrupted interruptedWhileStarting(String whenTheStartEnds) throws Exception {
        Path data = dir.resolve("slow");
        Process p = child(SlowStartMain.class, List.of(), whenTheStartEnds, "--name", "sam", "--data", data.toString(), "--json");
        BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(stdout.readLine()).isEqualTo("starting");
        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()).isZero();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String rest = stdout.lines().collect(Collectors.joining("\n"));
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Interrupted(p.exitValue(), rest, stderr, Files.readString(data.resolve(FileLogging.FILE_NAME)));
    }

    private record Interrupted(int status, String stdout, String stderr, String log) {
    }

    /** Ctrl-C while the node starts: a line that says so, status 130, and the log says it too. */
    @Test
    void ctrlCWhileTheNodeStartsSaysSoInALine() throws Exception {
        Interrupted run = interruptedWhileStarting("never");
        assertThat(run.status()).as(run.stderr()).isEqualTo(Main.INTERRUPTED);
        assertThat(run.stderr()).isEqualTo("peerchat: interrupted while starting" + System.lineSeparator());
        assertThat(run.log()).contains("interrupted while starting");
    }

    /**
     * Ctrl-C just as the node came up (the JVM shutting down when the start returned) printed a
     * stack trace: the launcher's hook was registered only then, which the JVM refuses once it is
     * shutting down. Now it says so in a line, and the node is closed.
     */
    @Test
    void ctrlCAsTheNodeComesUpIsNoStackTraceAndClosesTheNode() throws Exception {
        Interrupted run = interruptedWhileStarting("after-signal");
        assertThat(run.status()).as(run.stderr()).isEqualTo(Main.INTERRUPTED);
        assertThat(run.stderr()).isEqualTo("peerchat: interrupted while starting" + System.lineSeparator());
        assertThat(run.stdout()).isEqualTo("returned 130, node closed 1 time(s)");
    }
}

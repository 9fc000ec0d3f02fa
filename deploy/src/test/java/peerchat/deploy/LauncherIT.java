package peerchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./peerchat}, the launcher itself: after a build it makes the class data archive and
 * starts nodes with it, makes it again when the jar changes, and an archive the JVM cannot use
 * costs nothing but the speed-up: the node starts, and in {@code --json} mode stdout holds JSON
 * lines only (the JVM's warning about the archive goes to stderr).
 */
@Timeout(180)
class LauncherIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final Path root = NetnsScript.moduleDir().getParent();
    private final Path jar = root.resolve("deploy/target/peerchat.jar");
    private final Path archive = root.resolve("deploy/target/peerchat.jsa");
    private FileTime jarTime;

    /** What one run printed. */
    private record Run(List<String> out, String err) {
    }

    @Test
    void theLauncherStartsNodesWithItsClassDataArchiveAndKeepsStdoutJson() throws Exception {
        jarTime = Files.getLastModifiedTime(jar);
        Files.deleteIfExists(archive);
        Run first = startAndQuit("first");
        assertStartedWithJsonOnly(first);
        assertThat(archive).as("the archive made after the build").exists();
        assertThat(Files.size(archive)).isGreaterThan(1 << 20);
        Path madeForTheOldJar = temp.resolve("old.jsa");
        Files.copy(archive, madeForTheOldJar);

        // The jar changed (here: its time, which the JVM checks): the archive is made again.
        Files.setLastModifiedTime(jar, FileTime.fromMillis(jarTime.toMillis() + 1000));
        Run remade = startAndQuit("remade");
        assertStartedWithJsonOnly(remade);
        assertThat(remade.err()).doesNotContain("Unable to use shared archive");
        assertThat(Files.mismatch(archive, madeForTheOldJar)).as("a new archive").isNotNegative();

        // An archive the launcher takes for current but the JVM refuses (as one made by another
        // java the launcher could not tell apart would be): only the speed-up is lost.
        Files.copy(madeForTheOldJar, archive, StandardCopyOption.REPLACE_EXISTING);
        Run refused = startAndQuit("refused");
        assertStartedWithJsonOnly(refused);
        assertThat(refused.err()).as("the JVM says so, on stderr").contains("Unable to use shared archive");
    }

    @AfterEach
    void leaveNoArchiveBehindThatMayNotFit() throws IOException {
        if (jarTime != null) {
            Files.setLastModifiedTime(jar, jarTime);
            // The next launch makes it again.
            Files.deleteIfExists(archive);
            Files.deleteIfExists(archive.resolveSibling("peerchat.jsa.for"));
        }
    }

    private Run startAndQuit(String name) throws Exception {
        ProcessBuilder b = new ProcessBuilder(root.resolve("peerchat").toString(), "--name", name, "--data", temp.resolve(name).toString(),
                "--listen", "127.0.0.1:0", "--discovery=off", "--json")
                .redirectError(temp.resolve(name + ".err").toFile());
        // The launcher runs the java on the PATH: the one running the tests.
        b.environment().put("PATH", Path.of(NetnsScript.javaBinary()).getParent() + ":" + System.getenv("PATH"));
        Process p = b.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write("-quit\n".getBytes(StandardCharsets.UTF_8));
        }
        List<String> out = new ArrayList<>(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the node quits").isTrue();
        String err = Files.readString(temp.resolve(name + ".err"));
        assertThat(p.exitValue()).as(err).isZero();
        return new Run(out, err);
    }

    private static void assertStartedWithJsonOnly(Run run) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out()) {
            try {
                lines.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new AssertionError("not a JSON line on stdout: " + line + "\nstderr: " + run.err(), e);
            }
        }
        assertThat(lines).as(run.err()).anyMatch(j -> j.path("event").asText().equals("ready"));
    }
}

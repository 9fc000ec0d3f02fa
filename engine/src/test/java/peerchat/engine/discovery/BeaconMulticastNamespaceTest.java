package peerchat.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multicast, the LAN default, for real: two beacons join the group on loopback and hear each
 * other. The group address is outside 127.0.0.0/8, so this runs in a child JVM inside a network
 * namespace this test creates ({@code unshare --net}, only {@code lo} up): whatever the beacons
 * send cannot reach any other network. Skipped where namespaces cannot be made (not root).
 */
class BeaconMulticastNamespaceTest {

    @Test
    void twoMulticastBeaconsOnLoopbackSeeEachOther(@TempDir Path dir) throws Exception {
        assumeThat(canMakeNetworkNamespace()).as("unshare --net works here").isTrue();

        Path stderr = dir.resolve("child.log");
        Process child = new ProcessBuilder(command())
                .redirectError(stderr.toFile())
                .start();
        // Read on another thread so that a child that hangs cannot hang the test: it is killed instead.
        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> sightingLines(child));
        try {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
            assertThat(child.exitValue()).as("child exit; its log: %s", tail(stderr)).isZero();
        } finally {
            child.destroyForcibly();
        }
        List<String> sightings = lines.get(10, TimeUnit.SECONDS);
        assertThat(sightings)
                .contains("SIGHTING 1111111101 2222222202 127.0.0.1:5002",
                        "SIGHTING 2222222202 1111111101 127.0.0.21:5001")
                .allSatisfy(line -> assertThat(line).doesNotContain("1111111101 1111111101")
                        .doesNotContain("2222222202 2222222202"));
    }

    private static List<String> sightingLines(Process child) {
        List<String> sightings = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("SIGHTING ")) {
                    sightings.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sightings;
    }

    private static List<String> command() {
        List<String> command = new ArrayList<>(List.of("unshare", "--net", "--", "sh", "-c",
                "ip link set lo up && exec \"$@\"", "sh"));
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        String flags = System.getProperty("peerchat.jvm.flags", "").trim();
        if (!flags.isEmpty()) {
            command.addAll(Arrays.asList(flags.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                MulticastPair.class.getName(), "7117"));
        return command;
    }

    private static boolean canMakeNetworkNamespace() {
        try {
            Process probe = new ProcessBuilder("unshare", "--net", "--", "sh", "-c", "ip link set lo up")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}

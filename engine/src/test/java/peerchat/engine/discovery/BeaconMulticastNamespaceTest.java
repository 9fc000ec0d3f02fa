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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.store.ChildJvm;

/**
 * Multicast, the LAN default, for real: two beacons join the group and hear each other. The group
 * address is outside 127.0.0.0/8, so this runs in a child JVM inside a network namespace this test
 * creates ({@link OwnNetworkNamespace}, TTL 0): whatever the beacons send cannot reach any other
 * network. Skipped where namespaces cannot be made (not root).
 */
class BeaconMulticastNamespaceTest {
    @Test
    void twoMulticastBeaconsOnLoopbackSeeEachOther(@TempDir Path dir) throws Exception {
        assumeThat(OwnNetworkNamespace.canMake(OwnNetworkNamespace.NOTHING)).as("unshare --net works here").isTrue();

        List<String> sightings = runPair(dir, OwnNetworkNamespace.NOTHING, "127.0.0.1");
        assertThat(sightings)
                .contains("SIGHTING 1111111101 2222222202 127.0.0.1:5002",
                        "SIGHTING 2222222202 1111111101 127.0.0.21:5001");
    }

    /**
     * On a real link, unlike on {@code lo}, a multicast datagram reaches the sender's own host only
     * if the socket loops it back (IP_MULTICAST_LOOP): two nodes on one host hear each other
     * through that loop alone.
     */
    @Test
    void twoMulticastBeaconsOfOneHostSeeEachOtherOnALanLink(@TempDir Path dir) throws Exception {
        assumeThat(OwnNetworkNamespace.canMake(OwnNetworkNamespace.LAN_LINK))
                .as("unshare --net and a veth link in it work here").isTrue();

        List<String> sightings = runPair(dir, OwnNetworkNamespace.LAN_LINK, "0.0.0.0");
        assertThat(sightings)
                .contains("SIGHTING 1111111101 2222222202 10.77.0.1:5002",
                        "SIGHTING 2222222202 1111111101 127.0.0.21:5001");
    }

    /** Runs {@link MulticastPair} on {@code iface} after {@code setup} in a new namespace; its sightings. */
    private static List<String> runPair(Path dir, String setup, String iface) throws Exception {
        List<String> command = OwnNetworkNamespace.command(setup, ChildJvm.command(MulticastPair.class, "7117", iface));
        Path stderr = dir.resolve("child.log");
        Process child = new ProcessBuilder(command)
                .redirectError(stderr.toFile())
                .start();
        // Read on another thread so that a child that hangs cannot hang the test: it is killed instead.
        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> sightingLines(child));
        try {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        } finally {
            child.destroyForcibly();
        }
        List<String> sightings = lines.get(10, TimeUnit.SECONDS);
        assertThat(child.exitValue())
                .as("child exit (1: the two did not see each other within 20 s); sightings %s; its stderr: %s",
                        sightings, tail(stderr))
                .isZero();
        assertThat(sightings).allSatisfy(line -> assertThat(line).doesNotContain("1111111101 1111111101")
                .doesNotContain("2222222202 2222222202"));
        return sightings;
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

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}

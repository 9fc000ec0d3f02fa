package peerchat.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.store.event.NodeId;

/**
 * Two processes on one host share the beacon port (SO_REUSEADDR) and hear each other, over
 * loopback broadcast only (127.0.0.1 → 127.255.255.255). The child is killed with SIGKILL.
 */
class BeaconCrossProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final NodeId PARENT = new NodeId("9a9a9a9a01");
    private static final NodeId CHILD = new NodeId("c1c1c1c102");

    @Test
    void aBeaconInAnotherProcessIsSeenBothWays(@TempDir Path dir) throws Exception {
        int port = freeUdpPort();
        Beacon parent = Beacon.create(BeaconConfig.loopback().withPort(port).withInterval(Duration.ofMillis(50)),
                Clock.systemUTC());
        List<Sighting> seenByParent = new CopyOnWriteArrayList<>();
        parent.sightings().subscribe(seenByParent::add);
        Process child = new ProcessBuilder(command(port))
                .redirectError(dir.resolve("child.log").toFile())
                .start();
        try {
            List<String> childLines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> readLines(child, childLines), "child-stdout");
            reader.setDaemon(true);
            reader.start();
            parent.start(PARENT, new InetSocketAddress("127.0.0.31", 5031)).block(TIMEOUT);

            await().atMost(TIMEOUT).until(() -> childLines.contains("SIGHTING 9a9a9a9a01 127.0.0.31:5031"));
            await().atMost(TIMEOUT).until(() -> !seenByParent.isEmpty());
            assertThat(seenByParent.get(0)).isEqualTo(new Sighting(CHILD, new InetSocketAddress("127.0.0.1", 5032)));
            assertThat(childLines).filteredOn(line -> line.startsWith("SIGHTING"))
                    .allMatch(line -> line.equals("SIGHTING 9a9a9a9a01 127.0.0.31:5031"));
        } finally {
            child.destroyForcibly().waitFor();
            parent.close().block(TIMEOUT);
        }
    }

    /** Every line of the child's stdout into {@code lines}, until it closes. */
    static void readLines(Process child, List<String> lines) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> command(int port) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        String flags = System.getProperty("peerchat.jvm.flags", "").trim();
        if (!flags.isEmpty()) {
            command.addAll(Arrays.asList(flags.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BeaconProcess.class.getName(),
                Integer.toString(port), CHILD.value(), "0.0.0.0", "5032"));
        return command;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return probe.getLocalPort();
        }
    }
}

package peerchat.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;
import static peerchat.engine.discovery.BeaconPairProcess.A;
import static peerchat.engine.discovery.BeaconPairProcess.B;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.store.ChildJvm;

/**
 * The beacon follows the network, for real: the interface's address changes under running
 * beacons, and beacons start before any interface is up. Runs {@link BeaconPairProcess} in a child
 * JVM inside a network namespace this test creates ({@link OwnNetworkNamespace}), gives the
 * namespace a LAN-like link {@code d0} and changes its address (through {@code nsenter}). The
 * namespace has no route out and the beacons use TTL 0: nothing can reach any other network.
 * Skipped where namespaces or veth links cannot be made (not root).
 */
class BeaconNetworkChangeNamespaceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private Process child;
    private Path childLog;

    @AfterEach
    void stopChild() throws Exception {
        if (child != null) {
            child.getOutputStream().close();
            if (!child.waitFor(15, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void aNewAddressIsAdvertisedOnceTheOldOneIsGone(@TempDir Path dir) throws Exception {
        assumeNamespacesWithLinks();
        start(dir, OwnNetworkNamespace.LAN_LINK, "0.0.0.0");
        awaitBothSeenAt("10.77.0.1");

        // A new lease: the old address goes, another comes, on the same link.
        inNamespace("ip addr del 10.77.0.1/24 dev d0 && ip addr add 10.77.0.2/24 dev d0");

        awaitBothSeenAt("10.77.0.2");
        // Mostly a move; a look that falls between the two commands finds no address, and then
        // the beacon waits and is on again: either way it says once that it is on the new address.
        assertThat(lines).filteredOn(line -> line.contains("discovery moved to d0 10.77.0.2 (was d0 10.77.0.1)")
                        || line.contains("discovery on again: d0 10.77.0.2"))
                .as("each beacon says where it is now").hasSize(2);
    }

    @Test
    void beaconsStartedBeforeAnyInterfaceIsUpBeginOnceOneIs(@TempDir Path dir) throws Exception {
        assumeNamespacesWithLinks();
        // A looks for the first LAN interface, B for the configured address: neither is there yet.
        startWaiting(dir, "10.77.0.1");
        assertThat(waitingWarnings())
                .anySatisfy(line -> assertThat(line).contains("no interface is up with an IPv4 address"))
                .anySatisfy(line -> assertThat(line).contains("no interface of this host has the address 10.77.0.1"));

        inNamespace(OwnNetworkNamespace.LAN_LINK);

        awaitBothSeenAt("10.77.0.1");
        assertThat(lines).filteredOn(line -> line.contains("discovery on again: d0 10.77.0.1")).hasSize(2);
        assertThat(waitingWarnings()).as("a wait is said once at WARN, not at every look").hasSize(2);
    }

    @Test
    void anInterfaceGivenByNameIsWaitedForThenFollowedToItsNewAddress(@TempDir Path dir) throws Exception {
        assumeNamespacesWithLinks();
        // B is on d0 by name (--discovery-interface d0), which is not there yet.
        startWaiting(dir, "d0");
        assertThat(waitingWarnings()).anySatisfy(line -> assertThat(line).contains("no interface named d0"));

        inNamespace(OwnNetworkNamespace.LAN_LINK);
        awaitLine("SIGHTING " + A + " " + B + " 10.77.0.1:5002");

        // A new lease: B, given the name and not the address, goes with it.
        inNamespace("ip addr del 10.77.0.1/24 dev d0 && ip addr add 10.77.0.2/24 dev d0");
        awaitBothSeenAt("10.77.0.2");
    }

    @Test
    void onAHostWithDockerTheBeaconIsOnTheLanNotOnDocker0(@TempDir Path dir) throws Exception {
        assumeNamespacesWithLinks();
        start(dir, OwnNetworkNamespace.LAN_LINK_AND_DOCKER, "0.0.0.0");
        // Both look for the LAN interface: on the old code both took docker0 and advertised 10.88.0.1.
        awaitBothSeenAt("10.77.0.1");
        assertThat(lines).noneMatch(line -> line.contains("10.88.0.1"));
    }

    /** Both beacons heard each other, each advertising {@code address}. */
    private void awaitBothSeenAt(String address) throws IOException {
        awaitLine("SIGHTING " + B + " " + A + " " + address + ":5001");
        awaitLine("SIGHTING " + A + " " + B + " " + address + ":5002");
    }

    /** Started in a namespace with no interface but lo: both beacons say they wait. */
    private void startWaiting(Path dir, String interfaceOfB) throws IOException {
        start(dir, OwnNetworkNamespace.NOTHING, interfaceOfB);
        awaitLine("STARTED");
        await().atMost(TIMEOUT).until(() -> waitingWarnings().size() == 2);
    }

    private List<String> waitingWarnings() {
        return lines.stream().filter(line -> line.contains("WARN") && line.contains("discovery waiting: ")).toList();
    }

    /** The child in a new namespace with {@code lo} up and {@code setup} run; B on {@code interfaceOfB}. */
    private void start(Path dir, String setup, String interfaceOfB) throws IOException {
        List<String> command = OwnNetworkNamespace.command(setup,
                ChildJvm.command(BeaconPairProcess.class, "7117", interfaceOfB));
        childLog = dir.resolve("child.log");
        child = new ProcessBuilder(command).redirectError(childLog.toFile()).start();
        Thread reader = new Thread(() -> BeaconCrossProcessTest.readLines(child, lines), "child-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for the line, or for the child to die, and fails with what it printed if the line is not there. */
    private void awaitLine(String line) throws IOException {
        try {
            await().atMost(TIMEOUT).until(() -> lines.contains(line) || !child.isAlive());
        } catch (ConditionTimeoutException e) {
            // the assertion below says what is missing, with everything the child printed
        }
        assertThat(lines).as("the child's output; its stderr: %s", Files.readString(childLog)).contains(line);
    }

    /** Runs a shell command in the child's network namespace (the child's pid is the namespace's first process). */
    private void inNamespace(String script) throws Exception {
        Path output = childLog.resolveSibling("nsenter.log");
        Process p = new ProcessBuilder("nsenter", "--net=/proc/" + child.pid() + "/ns/net", "--", "sh", "-c", script)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("%s finished", script).isTrue();
        assertThat(p.exitValue()).as("%s: %s", script, Files.readString(output)).isZero();
    }

    private static void assumeNamespacesWithLinks() {
        assumeThat(OwnNetworkNamespace.canMake(OwnNetworkNamespace.LAN_LINK + " && nsenter --version"))
                .as("unshare --net, a veth link in it and nsenter work here (root)").isTrue();
    }
}

package peerchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * Five real nodes, each in its own network namespace on one isolated bridge, started by
 * {@code deploy/netns} from the packaged jar (hence a failsafe test, run after {@code package}).
 * Nobody is given a peer address: the mesh forms from the beacon alone, as on a LAN. Skipped
 * where namespaces cannot be made (not root).
 */
@Timeout(180)
class NetnsNetworkIT {
    private static final int NODES = 5;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;
    private NetnsScript net;
    private java.util.Set<String> interfacesBefore;

    @BeforeEach
    void up() {
        // A prefix of our own: namespace names are global to the machine, other runs may be up.
        net = new NetnsScript(NetnsScript.moduleDir(), "pcit" + ProcessHandle.current().pid(), temp.resolve("net"));
        NetnsScript.Run check = net.run("check");
        if (check.status() == NetnsScript.EXIT_SKIP) {
            throw new TestAbortedException(check.output().trim());
        }
        assertThat(check.status()).as("netns check: %s", check.output()).isZero();
        assertThat(Files.exists(net.jar())).as("the runnable jar %s (built in package, before this test)", net.jar()).isTrue();
        interfacesBefore = net.hostInterfaces();
        net.ok("up", Integer.toString(NODES));
    }

    @AfterEach
    void down() {
        if (net != null) {
            net.close();
            assertThat(net.namespaces()).as("namespaces left after down").isEmpty();
        }
    }

    @Test
    void meshFormsByDiscoveryMessagesReachAllAndCutOffOrKilledNodesCatchUpEvenWhileTheSenderIsDown() {
        // Isolation: a hub and five node namespaces, and not one interface added out here.
        assertThat(net.namespaces()).hasSize(NODES + 1);
        assertThat(net.hostInterfaces()).isEqualTo(interfacesBefore);

        Set<String> ids = new HashSet<>();
        IntStream.rangeClosed(1, NODES).forEach(i -> ids.add(net.id(i)));
        assertThat(ids).hasSize(NODES);

        // Mesh: every node sees every other one online, with no --peer given to anyone.
        for (int i = 1; i <= NODES; i++) {
            int node = i;
            Set<String> others = new HashSet<>(ids);
            others.remove(net.id(node));
            await("node " + node + " sees the four others").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(net.online(node)).containsExactlyInAnyOrderElementsOf(others));
        }

        net.ok("send", "1", "hello from alice");
        awaitEveryone("hello from alice", 1, 2, 3, 4, 5);

        // Erin is cut off at the bridge (no connection is closed: she looks linked until her
        // heartbeats are missed); both sides go on talking.
        net.ok("cut", "5");
        String erin = net.id(5);
        net.ok("send", "1", "as erin went quiet");
        await("alice notices erin is gone").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> !net.online(1).contains(erin));
        net.ok("send", "1", "while erin is away");
        net.ok("send", "5", "erin on her own");
        awaitEveryone("while erin is away", 1, 2, 3, 4);
        awaitEveryone("erin on her own", 5);
        // The link is down, so neither message can have crossed: this is no race.
        assertThat(net.messages(5)).doesNotContain("as erin went quiet", "while erin is away");
        assertThat(net.messages(1)).doesNotContain("erin on her own");

        // Alice dies before erin is back: erin gets both of alice's messages from the others.
        // The second was sealed for her as it was sent; the first, sent while erin still looked
        // linked, when alice's link to her went down (without it, the second waits for it).
        net.ok("kill", "1");
        net.ok("reconnect", "5");
        // Caught up = in the log that is replayed into history (the log is the source of truth).
        awaitInHistory("as erin went quiet", 5);
        awaitInHistory("while erin is away", 5);
        awaitInHistory("erin on her own", 2, 3, 4);
        net.ok("start", "1");
        awaitInHistory("erin on her own", 1);

        // Carol dies (SIGKILL) and misses a message from bob, who dies too before she is back:
        // she gets it after her restart from the others, who kept a sealed copy for her.
        String carol = net.id(3);
        net.ok("kill", "3");
        assertThat(net.run("status").output()).containsPattern("3 +carol .* stopped");
        net.ok("send", "2", "while carol is dead");
        awaitEveryone("while carol is dead", 1, 2, 4, 5);
        net.ok("kill", "2");
        net.ok("start", "3");
        awaitInHistory("while carol is dead", 3);
        assertThat(net.run("status").output()).containsPattern("2 +bob .* stopped");
        assertThat(net.id(3)).as("carol keeps her identity across the restart").isEqualTo(carol);
        net.ok("start", "2");

        // Bad requests are refused with a reason, and the network stays as it was.
        NetnsScript.Run noSuchNode = net.run("send", "9", "to nobody");
        assertThat(noSuchNode.status()).isNotZero();
        assertThat(noSuchNode.output()).contains("no node '9'");
        NetnsScript.Run twice = net.run("up", "3");
        assertThat(twice.status()).isNotZero();
        assertThat(twice.output()).contains("already up");
        net.ok("send", "4", "still working");
        awaitEveryone("still working", 1, 2, 3, 4, 5);
    }

    private void awaitInHistory(String text, int... nodes) {
        for (int i : nodes) {
            await("node " + i + " has '" + text + "' in its history").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> net.history(i).contains(text));
        }
    }

    private void awaitEveryone(String text, int... nodes) {
        for (int i : nodes) {
            await("node " + i + " shows '" + text + "'").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> net.messages(i).contains(text));
        }
    }
}

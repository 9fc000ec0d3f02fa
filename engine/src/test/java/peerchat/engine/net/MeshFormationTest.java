package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import peerchat.store.event.NodeId;

/** Every node is given only the first node as a seed; gossip must complete the mesh. */
class MeshFormationTest {
    private final List<TestNode> nodes = new ArrayList<>();

    @BeforeAll
    static void quiet() {
        Quiet.logs();
    }

    @AfterEach
    void stop() {
        nodes.parallelStream().forEach(TestNode::close);
    }

    private void startMesh(int n) {
        for (int i = 0; i < n; i++) {
            nodes.add(TestNode.start(20 + i, "n" + i));
        }
        for (int i = 1; i < n; i++) {
            nodes.get(i).links.connect(nodes.get(0).address);
        }
    }

    private boolean fullMesh() {
        Set<NodeId> all = nodes.stream().map(TestNode::id).collect(Collectors.toSet());
        for (TestNode node : nodes) {
            Set<NodeId> others = all.stream().filter(id -> !id.equals(node.id())).collect(Collectors.toSet());
            if (!node.links.connected().equals(others) || node.links.openConnections() != others.size()) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest(name = "{0} nodes")
    @ValueSource(ints = {3, 10, 30})
    void aFullMeshFormsFromOneSeedWithOneConnectionPerPair(int n) {
        startMesh(n);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(this::fullMesh);
        // The last node to join learned of the others only by gossip.
        TestNode last = nodes.get(n - 1);
        if (n > 2) {
            assertThat(last.events).anyMatch(e -> e instanceof LinkEvent.PeerHeard && !e.peer().equals(nodes.get(0).id()));
        }
        // Messages flow on every link of the mesh, including those gossip created.
        for (TestNode to : nodes.subList(1, n)) {
            last.links.send(to.id(), last.memory().recordSend(to.id(), new byte[] {7}, 0).linkSeq(), new byte[] {7}, 0);
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                nodes.subList(1, n - 1).stream().allMatch(to -> to.receivedSeqs(last.id()).equals(List.of(1L))));
    }

    @Test
    void theMeshHealsAfterANodeRestartsOnANewAddress() {
        startMesh(5);
        await().atMost(Duration.ofSeconds(60)).until(this::fullMesh);
        TestNode gone = nodes.remove(3);
        gone.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.stream().noneMatch(x -> x.links.connected().contains(gone.id())));
        // A new node (new id, new address) joins through any member, not the original seed.
        TestNode fresh = TestNode.start(60, "fresh");
        nodes.add(fresh);
        fresh.links.connect(nodes.get(2).address);
        await().atMost(Duration.ofSeconds(60)).until(this::fullMesh);
    }
}

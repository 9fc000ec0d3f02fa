package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Four nodes, each reachable only through its own relay (it advertises the relay), split into two
 * halves and joined again: the mesh must heal by itself, and what was sent across the split
 * meanwhile must arrive once.
 */
class PartitionHealingTest {
    private final List<CuttableProxy> relays = new ArrayList<>();
    private final List<TestNode> nodes = new ArrayList<>();

    @BeforeAll
    static void quiet() {
        Quiet.logs();
    }

    @AfterEach
    void stop() throws IOException {
        nodes.forEach(TestNode::close);
        for (CuttableProxy r : relays) {
            r.close();
        }
    }

    private boolean fullMesh() {
        return nodes.stream().allMatch(n -> n.links.connected().size() == nodes.size() - 1);
    }

    @Test
    void theMeshHealsAfterAPartition() throws IOException {
        for (int i = 0; i < 4; i++) {
            CuttableProxy relay = new CuttableProxy("127.0.0." + (150 + i));
            TestNode node = TestNode.start(140 + i, "p" + i, LinkConfig.loopbackTest().withAdvertised(relay.address()),
                    new InMemoryLinkJournal());
            relay.target(node.address);
            relays.add(relay);
            nodes.add(node);
        }
        for (int i = 1; i < 4; i++) {
            nodes.get(i).links.connect(relays.get(0).address());
        }
        await().atMost(Duration.ofSeconds(60)).until(this::fullMesh);

        Set<String> left = Set.of("127.0.0.140", "127.0.0.141");
        Set<String> right = Set.of("127.0.0.142", "127.0.0.143");
        relays.get(0).block(right);
        relays.get(1).block(right);
        relays.get(2).block(left);
        relays.get(3).block(left);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                nodes.stream().allMatch(n -> n.links.connected().size() == 1));
        TestNode a = nodes.get(0);
        TestNode d = nodes.get(3);
        for (int i = 0; i < 50; i++) {
            a.send(d.id(), "across the split " + i);
        }

        relays.forEach(CuttableProxy::unblock);
        await().atMost(Duration.ofSeconds(60)).until(this::fullMesh);
        await().atMost(Duration.ofSeconds(30)).until(() -> d.receivedSeqs(a.id()).size() >= 50);
        assertThat(d.receivedSeqs(a.id())).hasSize(50).doesNotHaveDuplicates();
    }
}

package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Only the lower id dials a known peer; when the address it has for the higher one stops working
 * (the peer moved, or that way is shut) while the higher one still reaches it, the higher one
 * dials too, after {@link TcpPeerLinks#FALLBACK_TIMEOUTS} heartbeat timeouts without a link.
 * Before, the two stayed apart for good.
 */
class OneWayReachTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private CuttableProxy toX;
    private CuttableProxy toY;
    private TestNode x;
    private TestNode y;

    @BeforeAll
    static void quiet() {
        Quiet.logs();
    }

    @AfterEach
    void stop() throws IOException {
        x.close();
        y.close();
        toX.close();
        toY.close();
    }

    @Test
    void theHigherIdDialsWhenTheLowerCannotReachIt() throws IOException {
        toX = new CuttableProxy("127.0.0.101");
        toY = new CuttableProxy("127.0.0.102");
        x = TestNode.start(103, "x", LinkConfig.loopbackTest().withAdvertised(toX.address()), new InMemoryLinkJournal());
        y = TestNode.start(104, "y", LinkConfig.loopbackTest().withAdvertised(toY.address()), new InMemoryLinkJournal());
        toX.target(x.address);
        toY.target(y.address);
        boolean xLower = x.id().compareTo(y.id()) < 0;
        TestNode lower = xLower ? x : y;
        TestNode higher = xLower ? y : x;
        CuttableProxy toHigher = xLower ? toY : toX;
        CuttableProxy toLower = xLower ? toX : toY;
        // The lower one knows the higher by the higher's relay; the higher one knows the lower by
        // the address the lower advertises (its relay), from the handshake: no seed on that side.
        lower.links.connect(toHigher.address());
        await().atMost(WAIT).until(() -> lower.links.connected().contains(higher.id()) && higher.links.connected().contains(lower.id()));
        int before = toLower.accepted();

        toHigher.close(); // the way to the higher one is shut, for good, and its link with it
        await().atMost(WAIT).until(() -> !lower.links.connected().contains(higher.id()));

        await().atMost(WAIT).until(() -> lower.links.connected().contains(higher.id()) && higher.links.connected().contains(lower.id()));
        assertThat(toLower.accepted()).as("the new link was dialed by the higher one").isGreaterThan(before);
        higher.send(lower.id(), "over the way that works");
        await().atMost(WAIT).until(() -> lower.receivedSeqs(higher.id()).size() == 1);
    }
}

package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LinkDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private TestNode a;
    private TestNode b;

    @BeforeAll
    static void quiet() {
        Quiet.logs();
    }

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    private void linkUp() {
        a = TestNode.start(11, "alice");
        b = TestNode.start(12, "bob");
        a.links.connect(b.address);
        await().atMost(WAIT).until(() -> a.links.connected().contains(b.id()) && b.links.connected().contains(a.id()));
    }

    @Test
    void bothWaysEveryMessageArrivesOnceInOrderAndIsAcknowledged() {
        linkUp();
        int n = 5_000;
        Thread other = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                b.send(a.id(), "from b " + i);
            }
        });
        other.start();
        for (int i = 0; i < n; i++) {
            a.send(b.id(), "from a " + i);
        }
        List<Long> all = LongStream.rangeClosed(1, n).boxed().toList();
        await().atMost(WAIT).until(() -> b.receivedSeqs(a.id()).size() >= n && a.receivedSeqs(b.id()).size() >= n);
        assertThat(b.receivedSeqs(a.id())).containsExactlyElementsOf(all);
        assertThat(a.receivedSeqs(b.id())).containsExactlyElementsOf(all);
        assertThat(TestNode.text(b.memory().received(a.id()).get(41).body())).isEqualTo("from a 41");
        await().atMost(WAIT).until(() -> a.memory().unackedCount(b.id()) == 0 && b.memory().unackedCount(a.id()) == 0);
        assertThat(a.journal.ackedUpTo(b.id())).isEqualTo(n);
    }

    @Test
    void peerUpCarriesTheProvenIdentityAndAdvertisedAddress() {
        linkUp();
        await().atMost(WAIT).until(() -> a.events.stream().anyMatch(e -> e instanceof LinkEvent.PeerUp));
        LinkEvent.PeerUp up = (LinkEvent.PeerUp) a.events.stream().filter(e -> e instanceof LinkEvent.PeerUp).findFirst().orElseThrow();
        assertThat(up.peer()).isEqualTo(b.id());
        assertThat(up.name()).isEqualTo("bob");
        assertThat(up.listenAddress()).isEqualTo(b.address);
        assertThat(up.publicKey()).isEqualTo(b.identity.publicKey());
    }

    @Test
    void messagesSentBeforeTheLinkExistsAreDeliveredFromTheJournal() {
        a = TestNode.start(11, "alice");
        b = TestNode.start(12, "bob");
        for (int i = 0; i < 100; i++) {
            a.send(b.id(), "early " + i);
        }
        b.links.connect(a.address);
        await().atMost(WAIT).until(() -> b.receivedSeqs(a.id()).size() >= 100);
        assertThat(b.receivedSeqs(a.id())).containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
    }

    @Test
    void aDelayedMessageIsHeldBackWhileLaterOnesGoAhead() {
        linkUp();
        long notBefore = System.currentTimeMillis() + 400;
        a.send(b.id(), "held back", notBefore);
        a.send(b.id(), "goes ahead");
        await().atMost(WAIT).until(() -> b.receivedSeqs(a.id()).size() == 2);
        assertThat(b.receivedSeqs(a.id())).containsExactly(2L, 1L);
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(notBefore);
        await().atMost(WAIT).until(() -> a.memory().unackedCount(b.id()) == 0);
    }

    @Test
    void simultaneousDialsLeaveExactlyOneConnection() {
        a = TestNode.start(11, "alice");
        b = TestNode.start(12, "bob");
        a.links.connect(b.address);
        b.links.connect(a.address);
        await().atMost(WAIT).until(() -> a.links.connected().contains(b.id()) && b.links.connected().contains(a.id())
                && a.links.openConnections() == 1 && b.links.openConnections() == 1);
        a.send(b.id(), "over the one link");
        await().atMost(WAIT).until(() -> b.receivedSeqs(a.id()).size() == 1);
        assertThat(a.events).filteredOn(e -> e instanceof LinkEvent.PeerUp).hasSize(1);
    }

    @Test
    void closingANodeIsReportedAsPeerDown() {
        linkUp();
        b.close();
        b = null;
        await().atMost(WAIT).until(() -> a.events.stream().anyMatch(e -> e instanceof LinkEvent.PeerDown));
        assertThat(a.links.connected()).isEmpty();
    }
}

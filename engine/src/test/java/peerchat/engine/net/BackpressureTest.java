package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A receiver whose journal stops completing (its causal buffer is full, say) pauses its sender's
 * link and only that link: a fast peer of the same sender gets everything meanwhile, the stuck
 * link is not mistaken for a dead one, and the slow peer catches up from the journal afterwards.
 */
class BackpressureTest {
    private TestNode sender;
    private TestNode fast;
    private TestNode slow;

    @BeforeAll
    static void quiet() {
        Quiet.logs();
    }

    @AfterEach
    void stop() {
        for (TestNode n : new TestNode[] {sender, fast, slow}) {
            if (n != null) {
                n.close();
            }
        }
    }

    @Test
    void aStuckReceiverPausesOnlyItsOwnLinkAndCatchesUpFromTheJournal() {
        int n = 10_000;
        sender = TestNode.start(111, "sender", LinkConfig.loopbackTest().withOutboundBufferMessages(64), new InMemoryLinkJournal());
        fast = TestNode.start(112, "fast");
        GatedJournal gated = new GatedJournal();
        slow = TestNode.start(113, "slow", LinkConfig.loopbackTest(), gated);
        fast.links.connect(sender.address);
        slow.links.connect(sender.address);
        await().atMost(Duration.ofSeconds(30)).until(() -> sender.links.connected().size() == 2);

        byte[] body = new byte[100];
        for (int i = 0; i < n; i++) {
            sender.send(fast.id(), "to fast " + i);
            Outbound o = sender.memory().recordSend(slow.id(), body, 0);
            sender.links.send(slow.id(), o.linkSeq(), body, 0);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> fast.receivedSeqs(sender.id()).size() == n);
        assertThat(gated.inner.received(sender.id())).isEmpty();
        // Longer than the heartbeat timeout: a paused link is not a dead one.
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(30))
                .until(() -> sender.links.connected().contains(slow.id()) && slow.links.connected().contains(sender.id()));
        assertThat(sender.memory().unackedCount(slow.id())).isEqualTo(n);

        gated.gate.tryEmitEmpty();
        await().atMost(Duration.ofSeconds(60)).until(() -> gated.inner.received(sender.id()).size() >= n
                && sender.memory().unackedCount(slow.id()) == 0);
        assertThat(gated.inner.received(sender.id())).extracting(InMemoryLinkJournal.Received::linkSeq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, n).boxed().toList());
        assertThat(sender.events).noneMatch(e -> e instanceof LinkEvent.PeerDown);
        assertThat(slow.events).noneMatch(e -> e instanceof LinkEvent.PeerDown);
    }
}

package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/**
 * A node shutting down right after a burst of sends (a script's lines piped in, then the end of
 * input) lets the burst reach a peer that reads it before the node goes. Before, what was still
 * in the link's buffer, or waiting in the journal for the socket, stayed behind until the next
 * meeting, and the close could reset what was already in flight: a peer of a `--json` node got
 * 1,370 of 3,000 lines, and saw "connection reset" rather than a quit.
 */
class QuitAfterBurstTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void quiet() {
        Quiet.logs();
    }

    @Test
    void aBurstSentJustBeforeAShutdownReachesThePeerBeforeTheBye() {
        int n = 5_000;
        GatedJournal gated = new GatedJournal();
        try (TestNode peer = TestNode.start(161, "peer", LinkConfig.loopbackTest(), gated);
             TestNode quitter = TestNode.start(160, "quitter", LinkConfig.loopbackTest().withOutboundBufferMessages(64), new InMemoryLinkJournal())) {
            quitter.links.partingWords("done");
            peer.links.connect(quitter.address);
            await().atMost(WAIT).until(() -> quitter.links.connected().contains(peer.id()) && peer.links.connected().contains(quitter.id()));

            // The peer reads nothing meanwhile (its journal holds the first receive), so the
            // burst is in the socket, the link's buffer and the journal when the shutdown begins.
            for (int i = 0; i < n; i++) {
                quitter.send(peer.id(), "burst " + i);
            }
            quitter.links.close().subscribeOn(Schedulers.boundedElastic()).subscribe();
            await().atMost(WAIT).until(quitter.links::closed);
            gated.gate.tryEmitEmpty();

            await().atMost(WAIT).until(() -> peer.events.stream().anyMatch(e -> e instanceof LinkEvent.PeerDown));
            assertThat(gated.inner.received(quitter.id())).extracting(InMemoryLinkJournal.Received::linkSeq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, n).boxed().toList());
            assertThat(peer.events).filteredOn(e -> e instanceof LinkEvent.PeerDown)
                    .containsExactly(new LinkEvent.PeerDown(quitter.id(), "quit: done"));
        }
    }
}

package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import peerchat.store.event.NodeId;

/**
 * A node that quits while a link is still being made says BYE to a peer that already counts the
 * link up. The peer takes a link up on this node's PROOF, which this node sends before it has the
 * peer's: QA saw the peer say "connection closed by the peer" 2.1 s later, instead of "quit" at
 * once, in 4 of ~75 quick restart/quit cycles. Each test holds the node at one point of that window
 * with a hook, so the race is certain rather than likely.
 */
class QuitDuringHandshakeTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void quiet() {
        Quiet.logs();
    }

    /**
     * a has sent its PROOF and waits for b's, which b (busy) has not written yet: b's thread is held
     * where it reads a's HELLO until a has closed. b then reads a's PROOF, takes the link up, and
     * must read a BYE next.
     */
    @Test
    void aNodeThatQuitsWhileWaitingForThePeersProofSaysBye() throws Exception {
        CountDownLatch aAnswering = new CountDownLatch(1);
        CountDownLatch aClosed = new CountDownLatch(1);
        NodeLoop bThread = new NodeLoop("b-held");
        try (TestNode b = TestNode.start(151, "b", LinkConfig.loopbackTest(), new HookedJournal(() -> held(aClosed)), bThread);
             TestNode a = TestNode.start(150, "a", LinkConfig.loopbackTest(), new HookedJournal(aAnswering::countDown))) {
            a.links.partingWords("see you");
            // b dials: as the TLS client its HELLO leaves with its handshake, before it reads a's
            // HELLO (where it is held), so a gets it, answers with its PROOF and waits.
            b.links.connect(a.address);
            assertThat(aAnswering.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            try {
                a.links.close().block(WAIT);
            } finally {
                aClosed.countDown();
            }
            assertThat(firstDown(b, a.id())).isEqualTo(new LinkEvent.PeerDown(a.id(), "quit: see you"));
            assertThat(b.events).anyMatch(e -> e instanceof LinkEvent.PeerUp up && up.peer().equals(a.id()));
        } finally {
            bThread.close().block(WAIT);
        }
    }

    /**
     * a quits from another thread while it takes b's PROOF, before it counts the link (here as b's
     * HELLO tells it of c): a closing node refuses the link, but b has it up already.
     */
    @Test
    void aNodeThatQuitsWhileTakingThePeersProofSaysBye() {
        try (TestNode b = TestNode.start(153, "b");
             TestNode c = TestNode.start(154, "c");
             TestNode a = TestNode.start(152, "a")) {
            c.links.connect(b.address);
            await().atMost(WAIT).until(() -> b.links.connected().contains(c.id()));
            a.links.partingWords("see you");
            a.links.events().ofType(LinkEvent.PeerHeard.class).take(1).subscribe(heard -> closeFromAnotherThread(a));
            a.links.connect(b.address);
            assertThat(firstDown(b, a.id())).isEqualTo(new LinkEvent.PeerDown(a.id(), "quit: see you"));
        }
    }

    /** The first PeerDown {@code node} reports for {@code peer}: "quit" at once, or another reason after the grace. */
    private static LinkEvent.PeerDown firstDown(TestNode node, NodeId peer) {
        return await().atMost(WAIT).until(() -> node.events.stream()
                        .filter(e -> e instanceof LinkEvent.PeerDown d && d.peer().equals(peer))
                        .map(LinkEvent.PeerDown.class::cast)
                        .findFirst().orElse(null),
                down -> down != null);
    }

    /**
     * As a user's {@code /quit} does, off the node's thread; returns once {@code close()} has
     * begun (the links take no new link from then on) while the caller, on the node's thread, has
     * not moved on. Not once it has returned: the caller holds what the links emit under, which a
     * tick under way may be waiting for while {@code close()} waits for the tick.
     */
    private static void closeFromAnotherThread(TestNode node) {
        new Thread(() -> node.links.close().subscribe(), "quitting").start();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(node.links::closed);
    }

    private static void held(CountDownLatch latch) {
        try {
            latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code hook} where the links read what was received from a peer: in the handshake, as the peer's HELLO is answered. */
    private static final class HookedJournal extends InMemoryLinkJournal {
        private final Runnable hook;

        HookedJournal(Runnable hook) {
            this.hook = hook;
        }

        @Override
        public ReceivedSeqs receivedFrom(NodeId from) {
            hook.run();
            return super.receivedFrom(from);
        }
    }
}

package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A connection that drops while the journal is still taking one of its messages (the node was
 * busy: a flood, a full causal buffer) must not leave that message half-taken: the journal
 * finishes it, and the link acknowledges it and goes on past it over the next connection.
 */
class InterruptedReceiveTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private CuttableProxy toA;
    private CuttableProxy toB;
    private TestNode a;
    private TestNode b;
    private final GatedJournal gated = new GatedJournal();

    @BeforeAll
    static void quiet() {
        Quiet.logs();
    }

    @AfterEach
    void stop() throws IOException {
        a.close();
        b.close();
        toA.close();
        toB.close();
    }

    @Test
    void aReceiveCutOffByTheConnectionIsFinishedAndTheLinkGoesOnPastIt() throws IOException {
        toA = new CuttableProxy("127.0.0.95");
        toB = new CuttableProxy("127.0.0.96");
        a = TestNode.start(97, "a", LinkConfig.loopbackTest().withAdvertised(toA.address()), new InMemoryLinkJournal());
        b = TestNode.start(98, "b", LinkConfig.loopbackTest().withAdvertised(toB.address()), gated);
        toA.target(a.address);
        toB.target(b.address);
        a.links.connect(toB.address());
        await().atMost(WAIT).until(() -> a.links.connected().contains(b.id()) && b.links.connected().contains(a.id()));

        a.send(b.id(), "first");
        await().atMost(WAIT).until(() -> gated.waiting.get() == 1);
        int before = toA.accepted() + toB.accepted();
        toA.cut();
        toB.cut();
        await().atMost(WAIT).until(() -> toA.accepted() + toB.accepted() > before
                && a.links.connected().contains(b.id()) && b.links.connected().contains(a.id()));
        a.send(b.id(), "second");
        await().atMost(WAIT).until(() -> gated.waiting.get() >= 2);

        gated.gate.tryEmitEmpty();
        await().atMost(WAIT).until(() -> gated.inner.received(a.id()).size() >= 2 && a.memory().unackedCount(b.id()) == 0);
        assertThat(gated.inner.received(a.id())).extracting(r -> TestNode.text(r.body())).containsExactly("first", "second");
        assertThat(gated.inner.received(a.id())).extracting(InMemoryLinkJournal.Received::linkSeq).isEqualTo(List.of(1L, 2L));
    }
}

package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node whose event loop falls behind (a backlog, a CPU shared with nine other nodes) keeps its
 * links: what it has not read yet is its own lateness, not the peer's silence. Taking it for
 * silence closed every link of such a node at once, and the reconnecting and resending that
 * followed kept it behind.
 */
class LoopBehindTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @BeforeAll
    static void quiet() {
        Quiet.logs();
    }

    @Test
    void aLoopBehindByThriceTheHeartbeatTimeoutKeepsItsLink() throws Exception {
        try (TestNode a = TestNode.start(97, "a", LinkConfig.loopbackTest().withHeartbeat(Duration.ofMillis(100), TIMEOUT),
                    new InMemoryLinkJournal());
             // b is patient: only a's own judgement is under test
             TestNode b = TestNode.start(98, "b", LinkConfig.loopbackTest().withHeartbeat(Duration.ofMillis(100), Duration.ofMinutes(5)),
                    new InMemoryLinkJournal())) {
            a.links.connect(b.address);
            await().atMost(WAIT).until(() -> a.links.connected().contains(b.id()) && b.links.connected().contains(a.id()));
            a.send(b.id(), "before");
            await().atMost(WAIT).until(() -> b.receivedSeqs(a.id()).size() == 1);
            LinkSession link = a.links.peer(b.id()).session();

            // a's node thread is busy for three heartbeat timeouts; the ticker, on another thread, is on time
            link.loop().submit(() -> LockSupport.parkNanos(TIMEOUT.multipliedBy(3).toNanos()))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            // the checks the ticker queued meanwhile run before this send, which is queued after them
            a.send(b.id(), "after");
            await().atMost(WAIT).until(() -> b.receivedSeqs(a.id()).size() == 2);

            assertThat(a.links.peer(b.id()).session()).isSameAs(link);
            assertThat(link.isClosed()).isFalse();
            assertThat(b.receivedSeqs(a.id())).containsExactly(1L, 2L);
        }
    }
}

package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import peerchat.store.event.NodeId;
import reactor.core.publisher.Mono;

/**
 * A journal that takes a message before {@code receive} returns, as the node's does, and says so
 * with {@code Mono.empty()}: the link counts it and acknowledges it without waiting on anything.
 * The in-memory journal of the other link tests completes on subscription instead.
 */
class JournalTakesAtOnceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger sessionLog = (Logger) LoggerFactory.getLogger(LinkSession.class);
    private TestNode a;
    private TestNode b;

    /** Takes each message now; refuses, by throwing, the first time it is handed {@code refuseOnce}. */
    private static final class AtOnce extends InMemoryLinkJournal {
        final long refuseOnce;
        final AtomicBoolean refused = new AtomicBoolean();

        AtOnce(long refuseOnce) {
            this.refuseOnce = refuseOnce;
        }

        @Override
        public Mono<Void> receive(NodeId from, long linkSeq, byte[] body) {
            if (linkSeq == refuseOnce && refused.compareAndSet(false, true)) {
                throw new IllegalStateException("the disk is on fire");
            }
            super.receive(from, linkSeq, body).subscribe(); // runs as it is subscribed
            return Mono.empty();
        }
    }

    @BeforeAll
    static void quiet() {
        Quiet.logs();
    }

    @BeforeEach
    void listen() {
        lines.start();
        sessionLog.addAppender(lines);
    }

    @AfterEach
    void stop() {
        sessionLog.detachAppender(lines);
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    private AtOnce linkUp(long refuseOnce) {
        AtOnce journal = new AtOnce(refuseOnce);
        a = TestNode.start(13, "alice");
        b = TestNode.start(14, "bob", LinkConfig.loopbackTest(), journal);
        a.links.connect(b.address);
        await().atMost(WAIT).until(() -> a.links.connected().contains(b.id()) && b.links.connected().contains(a.id()));
        return journal;
    }

    @Test
    void everyMessageTakenAtOnceArrivesOnceInOrderAndIsAcknowledged() {
        AtOnce journal = linkUp(-1);
        int n = 3_000;
        for (int i = 0; i < n; i++) {
            a.send(b.id(), "m" + i);
        }
        await().atMost(WAIT).until(() -> journal.received(a.id()).size() >= n && a.journal.ackedUpTo(b.id()) == n);
        assertThat(journal.received(a.id())).extracting(InMemoryLinkJournal.Received::linkSeq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, n).boxed().toList());
        assertThat(TestNode.text(journal.received(a.id()).get(1234).body())).isEqualTo("m1234");
    }

    @Test
    void aJournalThatFailsAtOnceClosesTheLinkSayingWhyAndTheMessageComesAgain() {
        AtOnce journal = linkUp(3);
        for (int i = 0; i < 10; i++) {
            a.send(b.id(), "m" + i);
        }
        await().atMost(WAIT).until(() -> journal.received(a.id()).size() >= 10 && a.journal.ackedUpTo(b.id()) == 10);
        assertThat(journal.refused).isTrue();
        assertThat(journal.received(a.id())).extracting(InMemoryLinkJournal.Received::linkSeq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
        List<String> warnings = lines.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).anyMatch(w -> w.contains("journal refused message 3") && w.contains("the disk is on fire"));
    }
}

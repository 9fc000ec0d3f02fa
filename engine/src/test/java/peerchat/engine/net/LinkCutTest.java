package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes whose only way to each other is through relays the test breaks mid-stream: each node
 * advertises its relay, so every dial, in either direction, crosses one.
 */
class LinkCutTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private CuttableProxy toA;
    private CuttableProxy toB;
    private TestNode a;
    private TestNode b;

    @BeforeAll
    static void quiet() {
        Quiet.logs();
    }

    private final SteppedClock clockA = new SteppedClock();
    private final SteppedClock clockB = new SteppedClock();

    @BeforeEach
    void start() throws IOException {
        toA = new CuttableProxy("127.0.0.91");
        toB = new CuttableProxy("127.0.0.92");
        a = TestNode.start(93, "a", LinkConfig.loopbackTest().withAdvertised(toA.address()), new InMemoryLinkJournal(), clockA);
        b = TestNode.start(94, "b", LinkConfig.loopbackTest().withAdvertised(toB.address()), new InMemoryLinkJournal(), clockB);
        toA.target(a.address);
        toB.target(b.address);
        a.links.connect(toB.address());
        await().atMost(WAIT).until(() -> a.links.connected().contains(b.id()) && b.links.connected().contains(a.id()));
    }

    @AfterEach
    void stop() throws IOException {
        a.close();
        b.close();
        toA.close();
        toB.close();
    }

    private static List<Long> oneTo(int n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    void cutsMidStreamLoseAndDuplicateNothing() throws Exception {
        int n = 6_000;
        Thread sender = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                a.send(b.id(), "a" + i);
                b.send(a.id(), "b" + i);
            }
        });
        sender.start();
        for (int mark : new int[] {500, 2_000, 4_000}) {
            await().atMost(WAIT).until(() -> b.receivedSeqs(a.id()).size() >= mark);
            toA.cut();
            toB.cut();
        }
        sender.join(WAIT.toMillis());
        await().atMost(WAIT).until(() -> b.receivedSeqs(a.id()).size() >= n && a.receivedSeqs(b.id()).size() >= n);
        assertThat(b.receivedSeqs(a.id())).containsExactlyElementsOf(oneTo(n));
        assertThat(a.receivedSeqs(b.id())).containsExactlyElementsOf(oneTo(n));
        await().atMost(WAIT).until(() -> a.memory().unackedCount(b.id()) == 0 && b.memory().unackedCount(a.id()) == 0);
        // the cuts were real: the link was dialed again through the proxies
        await().atMost(WAIT).until(() -> toA.accepted() + toB.accepted() > 1);
    }

    @Test
    void aSilentlyDeadLinkIsFoundByHeartbeatsAndReplaced() {
        silentlyDeadLinkIsReplaced(() -> { });
    }

    /**
     * The wall clocks set back an hour (an NTP step, a restored VM) once the link went silent:
     * timeouts still fire. When they ran on the wall clock, the last frame heard lay an hour in
     * the future and the dead link was kept for that hour.
     */
    @Test
    void aWallClockSetBackStillFindsTheDeadLink() {
        silentlyDeadLinkIsReplaced(() -> {
            clockA.step(Duration.ofHours(-1));
            clockB.step(Duration.ofHours(-1));
        });
    }

    /**
     * The dead link had full send buffers both ways (each side stopped reading in the middle of a burst):
     * what was written can never go out, yet the connection still closes and the link is made
     * again. When a close waited for its flush first, such a connection stayed open for good and
     * the pair never linked again.
     */
    @Test
    void aDeadLinkWithAFullSendBufferIsStillReplaced() {
        await().atMost(WAIT).until(() -> b.receivedSeqs(a.id()).isEmpty());
        int before = toA.accepted() + toB.accepted();
        toA.blackhole();
        toB.blackhole();
        String kilobytes = "x".repeat(8 * 1024);
        int n = 3_000; // 24 MB: more than the kernel's buffers on both sides of the proxy hold
        for (int i = 0; i < n; i++) {
            a.send(b.id(), i + " " + kilobytes);
            b.send(a.id(), i + " " + kilobytes);
        }
        await().atMost(WAIT).until(() -> toA.accepted() + toB.accepted() > before);
        await().atMost(WAIT).until(() -> b.receivedSeqs(a.id()).size() >= n && a.receivedSeqs(b.id()).size() >= n);
        assertThat(b.receivedSeqs(a.id())).containsExactlyElementsOf(oneTo(n));
        assertThat(a.receivedSeqs(b.id())).containsExactlyElementsOf(oneTo(n));
    }

    private void silentlyDeadLinkIsReplaced(Runnable onceSilent) {
        for (int i = 0; i < 100; i++) {
            a.send(b.id(), "before " + i);
        }
        await().atMost(WAIT).until(() -> b.receivedSeqs(a.id()).size() == 100);
        int before = toA.accepted() + toB.accepted();
        toA.blackhole();
        toB.blackhole();
        onceSilent.run();
        for (int i = 0; i < 100; i++) {
            a.send(b.id(), "into the void " + i);
        }
        // Nothing but the missing heartbeats can tell the frozen link is dead: a new link through
        // the proxies is the proof (presence may not even blink: the redial is within its grace).
        await().atMost(WAIT).until(() -> toA.accepted() + toB.accepted() > before);
        await().atMost(WAIT).until(() -> b.receivedSeqs(a.id()).size() >= 200);
        assertThat(b.receivedSeqs(a.id())).containsExactlyElementsOf(oneTo(200));
    }
}

package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.store.event.NodeId;

/** A node in its own JVM, killed with SIGKILL and restarted on the same data directory. */
class CrashRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    @TempDir
    Path tmp;
    private TestNode here;
    private ChildProcess child;

    @BeforeAll
    static void quiet() {
        Quiet.logs();
    }

    @BeforeEach
    void start() {
        here = TestNode.start(101, "here");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (child != null) {
            child.close();
        }
        here.close();
    }

    private String seed() {
        return here.address.getHostString() + ":" + here.address.getPort();
    }

    private ChildProcess startChild(int port, int run) throws Exception {
        return new ChildProcess(tmp.resolve("child"), "127.0.0.102", port, seed(), tmp.resolve("child-" + run + ".err"));
    }

    private static List<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    void aKilledReceiverGetsWhatWasSentWhileItWasDownExactlyOnce() throws Exception {
        child = startChild(0, 1);
        String[] ready = child.await("READY").split(" ");
        NodeId id = new NodeId(ready[1]);
        int port = Integer.parseInt(ready[2].split(":")[1]);
        await().atMost(WAIT).until(() -> here.links.connected().contains(id));

        for (int i = 0; i < 3_000; i++) {
            here.send(id, "m" + i);
        }
        await().atMost(WAIT).until(() -> here.journal.ackedUpTo(id) >= 300);
        child.kill();
        await().atMost(WAIT).until(() -> !here.links.connected().contains(id));
        for (int i = 0; i < 1_000; i++) {
            here.send(id, "while down " + i);
        }

        child = startChild(port, 2);
        assertThat(child.await("READY").split(" ")[1]).as("same data directory, same identity").isEqualTo(id.value());
        await().atMost(WAIT).until(() -> here.journal.ackedUpTo(id) == 4_000 && here.memory().unackedCount(id) == 0);
        child.kill();

        try (FileLinkJournal theirs = new FileLinkJournal(tmp.resolve("child"))) {
            assertThat(theirs.received(here.id())).extracting(InMemoryLinkJournal.Received::linkSeq)
                    .containsExactlyElementsOf(oneTo(4_000));
        }
    }

    @Test
    void aKilledSenderResendsFromItsLogAfterRestart() throws Exception {
        child = startChild(0, 1);
        String[] ready = child.await("READY").split(" ");
        NodeId id = new NodeId(ready[1]);
        int port = Integer.parseInt(ready[2].split(":")[1]);
        await().atMost(WAIT).until(() -> here.links.connected().contains(id));

        child.command("send " + here.id() + " 5000");
        await().atMost(WAIT).until(() -> here.receivedSeqs(id).size() >= 200);
        child.kill();

        child = startChild(port, 2);
        child.await("READY");
        child.command("send " + here.id() + " 500");
        long last = Long.parseLong(child.await("SENT").split(" ")[1]);
        assertThat(last).isGreaterThan(500);
        await().atMost(WAIT).until(() -> here.receivedSeqs(id).size() >= last);
        assertThat(here.receivedSeqs(id)).containsExactlyElementsOf(oneTo(last));
    }
}

package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What someone on the LAN can do to a link: reading it yields nothing, and ending its TLS in the
 * middle with certificates of one's own (relaying everything faithfully) gets the connection
 * refused by both nodes, because each one's key proof names the certificates it saw.
 */
class LinkEncryptionTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private TestNode a;
    private TestNode b;

    @BeforeAll
    static void quiet() {
        Quiet.logs();
    }

    @BeforeEach
    void listen() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(LinkSession.class)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(LinkSession.class)).detachAppender(logs);
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void aListenerOnTheWireReadsNothing() throws IOException {
        try (CuttableProxy toB = new CuttableProxy("127.0.0.101")) {
            a = TestNode.start(102, "anastasia");
            b = TestNode.start(103, "bartholomew", LinkConfig.loopbackTest().withAdvertised(toB.address()), new InMemoryLinkJournal());
            toB.target(b.address);
            toB.tap();
            a.links.connect(toB.address());
            await().atMost(WAIT).until(() -> a.links.connected().contains(b.id()) && b.links.connected().contains(a.id()));
            a.send(b.id(), "the password is swordfish");
            b.send(a.id(), "and the door code 80417");
            await().atMost(WAIT).until(() -> b.receivedSeqs(a.id()).size() == 1 && a.receivedSeqs(b.id()).size() == 1);
            assertThat(TestNode.text(b.memory().received(a.id()).get(0).body())).isEqualTo("the password is swordfish");

            String wire = new String(toB.tapped(), StandardCharsets.ISO_8859_1);
            assertThat(wire.length()).as("the link's bytes went through the tap").isGreaterThan(500);
            assertThat(wire).doesNotContain("swordfish", "80417", "anastasia", "bartholomew",
                    a.id().value(), b.id().value());
            assertThat(wire.charAt(0)).as("a TLS handshake record").isEqualTo((char) 0x16);
        }
    }

    @Test
    void aManInTheMiddleWithCertificatesOfItsOwnIsRefusedByBothEnds() throws IOException {
        b = TestNode.start(105, "bartholomew");
        a = TestNode.start(106, "anastasia");
        try (TlsInterceptor mitm = new TlsInterceptor("127.0.0.104", b.address)) {
            a.links.connect(mitm.address());
            await().atMost(WAIT).until(() -> proofFailures(a).size() >= 1 && proofFailures(b).size() >= 1);
            // It really sat in the middle: it read both HELLOs in clear and passed them on.
            assertThat(mitm.seen()).contains("anastasia", "bartholomew");
            assertThat(a.links.connected()).doesNotContain(b.id());
            assertThat(b.links.connected()).doesNotContain(a.id());
            assertThat(proofFailures(b).get(0)).contains("cannot sign for the id " + a.id());
            assertThat(proofFailures(a).get(0)).contains("cannot sign for the id " + b.id());
        }
        // Without it, the same two nodes link at once.
        a.links.connect(b.address);
        await().atMost(WAIT).until(() -> a.links.connected().contains(b.id()) && b.links.connected().contains(a.id()));
    }

    private List<String> proofFailures(TestNode at) {
        String self = at.id().shortForm();
        synchronized (logs) {
            return logs.list.stream()
                    .filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith(self) && m.contains("key proof failed"))
                    .toList();
        }
    }
}

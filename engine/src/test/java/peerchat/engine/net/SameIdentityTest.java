package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A node that reads its own id in a HELLO: itself, dialed by mistake (a seed that is its own
 * address), or a second node with its identity (a copied data directory). Told apart by the
 * nonce: one this node sent comes back only from itself.
 */
class SameIdentityTest {
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private TestNode node;

    @BeforeEach
    void start() {
        Quiet.logs();
        logs.start();
        ((Logger) LoggerFactory.getLogger(TcpPeerLinks.class)).addAppender(logs);
        node = TestNode.start(85, "one");
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(TcpPeerLinks.class)).detachAppender(logs);
        node.close();
    }

    @Test
    void aNodeDialingItselfIsNotASecondNode() {
        node.links.connect(node.address);
        await().atMost(Duration.ofSeconds(10)).until(() -> logged("is this node itself"));
        assertThat(node.events).noneMatch(e -> e instanceof LinkEvent.SameIdentity);
        assertThat(logged("a copy of its identity")).isFalse();
    }

    @Test
    void aHelloWithThisNodesIdentityFromAnotherNodeIsReported() throws Exception {
        byte[] nonce = new byte[WireConstants.NONCE_BYTES];
        new SecureRandom().nextBytes(nonce);
        try (RawPeer copy = new RawPeer("127.0.0.86", node.address)) {
            copy.read(); // the node's HELLO
            copy.frame(new Frame.Hello(node.identity.id().value(), node.identity.publicKey(), "one", "127.0.0.86", 7117,
                    nonce, List.of(), null));
            await().atMost(Duration.ofSeconds(10)).until(() -> node.events.stream().anyMatch(e -> e instanceof LinkEvent.SameIdentity));
        }
        List<LinkEvent> same = node.events.stream().filter(e -> e instanceof LinkEvent.SameIdentity).toList();
        assertThat(same).containsExactly(new LinkEvent.SameIdentity(node.identity.id(), new InetSocketAddress("127.0.0.86", 7117)));
    }

    private boolean logged(String text) {
        synchronized (logs) {
            return logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains(text));
        }
    }
}

package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import peerchat.engine.identity.Identity;

/**
 * Each kind of bad input, sent from a raw socket to a node that also has a good peer: the bad
 * connection is closed with one WARN line naming the reason and the sender; the good link carries
 * on and loses nothing.
 */
class BadInputTest {
    private static TestNode node;
    private static TestNode good;
    private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private static int sent;

    @BeforeAll
    static void start() {
        Quiet.logs();
        Logger logger = (Logger) LoggerFactory.getLogger(LinkSession.class);
        logs.start();
        logger.addAppender(logs);
        node = TestNode.start(80, "target");
        good = TestNode.start(81, "good");
        good.links.connect(node.address);
        await().atMost(Duration.ofSeconds(30)).until(() -> node.links.connected().contains(good.id()));
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(LinkSession.class)).detachAppender(logs);
        node.close();
        good.close();
    }

    @BeforeEach
    void clearLogs() {
        synchronized (logs) {
            logs.list.clear();
        }
    }

    /** The node is unharmed: the good link is up, delivers a new message, and has lost none. */
    @AfterEach
    void goodLinkCarriesOn() {
        good.send(node.id(), "after bad input " + (++sent));
        int expected = sent;
        await().atMost(Duration.ofSeconds(30)).until(() -> node.receivedSeqs(good.id()).size() == expected);
        assertThat(node.links.connected()).contains(good.id());
        assertThat(node.receivedSeqs(good.id())).doesNotHaveDuplicates();
    }

    private RawPeer raw() throws IOException {
        return new RawPeer("127.0.0.82", node.address);
    }

    private void assertClosedWithOneWarning(RawPeer peer, String reason) throws IOException {
        assertThat(peer.closedByNode()).isTrue();
        String port = ":" + peer.localPort();
        await().atMost(Duration.ofSeconds(10)).until(() -> !warningsAbout(port).isEmpty());
        List<String> lines = warningsAbout(port);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains(reason).contains("127.0.0.82");
    }

    private static List<String> warningsAbout(String port) {
        synchronized (logs) {
            return logs.list.stream()
                    .filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains(port))
                    .collect(Collectors.toList());
        }
    }

    private static Frame.Hello hello(Identity who, String claimedId, int nonceBytes) {
        return new Frame.Hello(claimedId, who.publicKey(), "mallory", "127.0.0.82", 9, new byte[nonceBytes], List.of(), null);
    }

    @Test
    void garbageBytes() throws IOException {
        try (RawPeer p = raw()) {
            p.raw("GET / HTTP/1.1\r\nHost: peerchat\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertClosedWithOneWarning(p, "frame length");
        }
    }

    /** A node of protocol 1, or anything else that does not speak TLS: refused by TLS, said once. */
    @Test
    void plainTcpInsteadOfTls() throws IOException {
        try (RawPeer p = new RawPeer("127.0.0.82", node.address, false)) {
            p.frame(hello(Identity.generate(), Identity.generate().id().value(), WireConstants.NONCE_BYTES));
            assertClosedWithOneWarning(p, "not TLS: the peer speaks plain TCP");
        }
    }

    @Test
    void frameOverTheLimit() throws IOException {
        try (RawPeer p = raw()) {
            p.raw(ByteBuffer.allocate(8).putInt(WireConstants.MAX_FRAME_BYTES + 1).putInt(0).array());
            assertClosedWithOneWarning(p, "frame length " + (WireConstants.MAX_FRAME_BYTES + 1) + " outside");
        }
    }

    @Test
    void truncatedFrame() throws IOException {
        try (RawPeer p = raw()) {
            p.raw(ByteBuffer.allocate(14).putInt(100).put(new byte[10]).array());
            p.shutdownOutput();
            assertClosedWithOneWarning(p, "truncated frame");
        }
    }

    @Test
    void unknownProtocolVersion() throws IOException {
        try (RawPeer p = raw()) {
            p.frame(WireConstants.HELLO, ByteBuffer.allocate(4).putInt(99).array());
            assertClosedWithOneWarning(p, "unsupported protocol version 99");
        }
    }

    @Test
    void unknownFrameType() throws IOException {
        try (RawPeer p = raw()) {
            p.frame(0x7f, new byte[3]);
            assertClosedWithOneWarning(p, "unknown frame type 127");
        }
    }

    @Test
    void malformedHelloBody() throws IOException {
        try (RawPeer p = raw()) {
            p.frame(WireConstants.HELLO, ByteBuffer.allocate(9).putInt(WireConstants.PROTOCOL_VERSION).put("junk".getBytes(StandardCharsets.US_ASCII)).array());
            assertClosedWithOneWarning(p, "malformed HELLO");
        }
    }

    @Test
    void dataBeforeTheHandshake() throws IOException {
        try (RawPeer p = raw()) {
            p.frame(new Frame.Data(1, new byte[] {1}));
            assertClosedWithOneWarning(p, "expected HELLO first");
        }
    }

    @Test
    void helloClaimingAnIdThatIsNotItsKeys() throws IOException {
        try (RawPeer p = raw()) {
            p.frame(hello(Identity.generate(), good.id().value(), WireConstants.NONCE_BYTES));
            assertClosedWithOneWarning(p, "does not belong to its public key");
        }
    }

    /** Claims the good peer's id with the good peer's public key, but cannot sign with its private key. */
    @Test
    void handshakeWhoseKeyProofFails() throws IOException {
        Identity impostor = Identity.generate();
        try (RawPeer p = raw()) {
            Frame.Hello theirs = (Frame.Hello) p.read();
            p.frame(new Frame.Hello(good.id().value(), good.identity.publicKey(), "good", "127.0.0.82", 9,
                    new byte[WireConstants.NONCE_BYTES], List.of(), null));
            byte[] forged = impostor.sign(p.proofData(theirs.nonce(), good.id(), node.id()));
            p.frame(new Frame.Proof(forged, 0));
            assertClosedWithOneWarning(p, "key proof failed");
        }
        assertThat(node.links.connected()).contains(good.id());
        assertThat(node.links.peer(good.id()).address()).as("the impostor's address was not believed").isEqualTo(good.address);
    }

    @Test
    void aHostOpeningConnectionsAndSayingNothingHoldsOnlySoManyAtATime() throws IOException {
        ListAppender<ILoggingEvent> refusals = new ListAppender<>();
        refusals.start();
        Logger logger = (Logger) LoggerFactory.getLogger(RefusedConnections.class);
        logger.addAppender(refusals);
        List<RawPeer> silent = new ArrayList<>();
        try {
            int extra = 20;
            int shut = 0;
            for (int i = 0; i < TcpPeerLinks.MAX_HANDSHAKES_PER_ADDRESS + extra; i++) {
                try {
                    silent.add(new RawPeer("127.0.0.83", node.address));
                } catch (IOException refusedBeforeTls) {
                    shut++;
                }
            }
            int greeted = 0;
            for (RawPeer p : silent) {
                try {
                    assertThat(p.read()).isInstanceOf(Frame.Hello.class);
                    greeted++;
                } catch (EOFException | SocketException refused) {
                    shut++;
                }
            }
            assertThat(greeted).isEqualTo(TcpPeerLinks.MAX_HANDSHAKES_PER_ADDRESS);
            assertThat(shut).isEqualTo(extra);
            assertThat(refusals.list).hasSize(1);
            assertThat(refusals.list.get(0).getFormattedMessage())
                    .contains("refusing connections from 127.0.0.83")
                    .contains(TcpPeerLinks.MAX_HANDSHAKES_PER_ADDRESS + " connections from it are handshaking already");

            // The node still dials, and is dialed from elsewhere (the good link is checked after each test).
            TestNode other = TestNode.start(84, "other");
            try {
                node.links.connect(other.address);
                await().atMost(Duration.ofSeconds(30)).until(() -> node.links.connected().contains(other.id()));
                assertThat(node.links.openConnections()).as("linked while the silent ones still wait for their timeout")
                        .isGreaterThan(TcpPeerLinks.MAX_HANDSHAKES_PER_ADDRESS);
            } finally {
                other.close();
            }
        } finally {
            for (RawPeer p : silent) {
                p.close();
            }
            logger.detachAppender(refusals);
        }
        // Once they are gone, the address is welcome again.
        await().atMost(Duration.ofSeconds(10)).until(() -> node.links.openConnections() <= 2);
        try (RawPeer again = new RawPeer("127.0.0.83", node.address)) {
            assertThat(again.read()).isInstanceOf(Frame.Hello.class);
        }
    }

    @Test
    void aPeerThatFloods() throws IOException {
        Identity flooder = Identity.generate();
        try (RawPeer p = raw()) {
            Frame.Hello theirs = (Frame.Hello) p.read();
            p.frame(new Frame.Hello(flooder.id().value(), flooder.publicKey(), "flooder", "127.0.0.82", 9,
                    new byte[WireConstants.NONCE_BYTES], List.of(), null));
            p.frame(new Frame.Proof(flooder.sign(p.proofData(theirs.nonce(), flooder.id(), node.id())), 0));
            await().atMost(Duration.ofSeconds(10)).until(() -> node.links.connected().contains(flooder.id()));
            try {
                for (int i = 0; i < 5_000; i++) {
                    p.frame(new Frame.Heartbeat());
                }
            } catch (IOException closedMidFlood) {
                // the node may close before the flood is over: that is the point
            }
            assertClosedWithOneWarning(p, "flooding");
        }
    }

    /** A roster is checked like the rest of a handshake: a stamp for a group that cannot exist closes the link, and nothing of it is told. */
    @Test
    void aHandshakeWithAMalformedRoster() throws IOException {
        Identity liar = Identity.generate();
        int heardBefore = (int) node.events.stream().filter(e -> e instanceof LinkEvent.RosterHeard).count();
        try (RawPeer p = raw()) {
            Frame.Hello theirs = (Frame.Hello) p.read();
            List<Frame.Known> roster = List.of(new Frame.Known(good.id().value(), "good", 0, List.of(new Frame.Stamp("no such group!", 3, true))));
            p.frame(new Frame.Hello(liar.id().value(), liar.publicKey(), "liar", "127.0.0.82", 9,
                    new byte[WireConstants.NONCE_BYTES], List.of(), roster));
            p.frame(new Frame.Proof(liar.sign(p.proofData(theirs.nonce(), liar.id(), node.id())), 0));
            assertClosedWithOneWarning(p, "malformed group stamp in a roster");
        }
        assertThat(node.links.connected()).doesNotContain(liar.id());
        assertThat(node.events.stream().filter(e -> e instanceof LinkEvent.RosterHeard)).hasSize(heardBefore);
    }

    @Test
    void dataFarBeyondTheAckWindow() throws IOException {
        Identity flooder = Identity.generate();
        try (RawPeer p = raw()) {
            Frame.Hello theirs = (Frame.Hello) p.read();
            p.frame(new Frame.Hello(flooder.id().value(), flooder.publicKey(), "far", "127.0.0.82", 9,
                    new byte[WireConstants.NONCE_BYTES], List.of(), null));
            p.frame(new Frame.Proof(flooder.sign(p.proofData(theirs.nonce(), flooder.id(), node.id())), 0));
            p.frame(new Frame.Data(1L << 40, new byte[] {1}));
            assertClosedWithOneWarning(p, "past the received prefix");
        }
    }
}

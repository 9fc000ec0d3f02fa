package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Why a link ended, as a user reads it in "bob went offline (...)". */
class LinkEndReasonTest {

    @Test
    void aFailedSystemCallOfTheNativeTransportIsSaidByItsErrnoText() {
        assertThat(LinkSession.reasonOf(new IOException("recvAddress(..) failed with error(-104): Connection reset by peer")))
                .isEqualTo("connection reset by peer");
        assertThat(LinkSession.reasonOf(new IOException("writevAddresses(..) failed: Broken pipe"))).isEqualTo("broken pipe");
    }

    @Test
    void otherErrorsKeepTheirMessage() {
        assertThat(LinkSession.reasonOf(new IOException("Connection timed out"))).isEqualTo("connection error: Connection timed out");
        assertThat(LinkSession.reasonOf(new ProtocolException("frame of 99999999 bytes"))).isEqualTo("frame of 99999999 bytes");
    }

    /**
     * A node that shuts down says BYE: its peer shows it offline at once, "quit", not after the
     * grace a dropped link gets (here two minutes, for heartbeats a minute apart).
     */
    @Test
    void aNodeThatShutsDownIsOfflineAtOnceBecauseItSaidBye() {
        LinkConfig slowHeartbeats = LinkConfig.loopbackTest().withHeartbeat(Duration.ofMinutes(1), Duration.ofMinutes(3));
        try (TestNode b = TestNode.start(96, "b", slowHeartbeats, new InMemoryLinkJournal())) {
            TestNode a = TestNode.start(95, "a", slowHeartbeats, new InMemoryLinkJournal());
            a.links.connect(b.address);
            await().atMost(Duration.ofSeconds(20)).until(() -> b.links.connected().contains(a.id()));
            a.close();
            await().atMost(Duration.ofSeconds(20)).until(() -> b.events.contains(new LinkEvent.PeerDown(a.id(), "quit")));
            assertThat(b.links.connected()).doesNotContain(a.id());

            // and with its user's parting words
            TestNode c = TestNode.start(97, "c", slowHeartbeats, new InMemoryLinkJournal());
            c.links.connect(b.address);
            await().atMost(Duration.ofSeconds(20)).until(() -> b.links.connected().contains(c.id()));
            c.links.partingWords(" see you tomorrow ");
            c.close();
            await().atMost(Duration.ofSeconds(20)).until(() -> b.events.contains(new LinkEvent.PeerDown(c.id(), "quit: see you tomorrow")));
        }
    }
}

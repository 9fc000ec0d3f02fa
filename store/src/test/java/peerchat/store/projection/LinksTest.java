package peerchat.store.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static peerchat.store.Fixtures.BOB;
import static peerchat.store.Fixtures.CAROL;
import static peerchat.store.Fixtures.ME;
import static peerchat.store.Fixtures.group;
import static peerchat.store.Fixtures.received;
import static peerchat.store.Fixtures.sent;
import static peerchat.store.Fixtures.text;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.store.event.Event;

class LinksTest {
    @TempDir
    Path dir;
    StoreFixture fixture;

    @BeforeEach
    void open() {
        fixture = new StoreFixture(dir);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void theOutboxOfAPeerIsItsUnacknowledgedSendsReadableFromTheLog() {
        long s1 = fixture.given(sent(ME, 1, text(group("all"), "a"), Set.of(BOB, CAROL), 1, 1));
        long s2 = fixture.given(sent(ME, 2, text(group("all"), "b"), Set.of(BOB, CAROL), 2, 2));
        long s3 = fixture.given(sent(ME, 3, text(group("all"), "c"), Set.of(BOB), 3, 3));
        fixture.given(new Event.PeerAcked(BOB, 2, 4), new Event.PeerAcked(CAROL, 1, 4));

        Links links = fixture.store().links();
        assertThat(links.unacked(BOB)).containsExactly(s3);
        assertThat(links.unacked(CAROL)).containsExactly(s2);
        assertThat(links.unackedCount(BOB)).isEqualTo(1);
        assertThat(links.unackedCount(ME)).isZero();
        assertThat(links.unackedOwnSends()).as("s2 (by carol) and s3 (by bob), each once").isEqualTo(2);
        assertThat(links.lastAcked(BOB)).isEqualTo(2);
        assertThat(links.lastSent(BOB)).isEqualTo(3);
        assertThat(links.lastSent(CAROL)).isEqualTo(2);
        assertThat(links.peers()).containsExactlyInAnyOrder(BOB, CAROL);
        assertThat(fixture.store().read(links.unacked(BOB)[0]).orElseThrow())
                .isInstanceOfSatisfying(Event.MessageSent.class, m -> assertThat(m.linkSeq()).containsEntry(BOB, 3L));

        // An old ack (a duplicate arriving late) changes nothing; a restart rebuilds the same outboxes.
        fixture.given(new Event.PeerAcked(BOB, 1, 5));
        Links after = fixture.restart().links();
        assertThat(after.unacked(BOB)).containsExactly(s3);
        assertThat(after.unacked(CAROL)).containsExactly(s2);
        assertThat(after.lastAcked(BOB)).isEqualTo(2);
        fixture.given(new Event.PeerAcked(BOB, 3, 6));
        assertThat(after.unacked(BOB)).isEmpty();
        assertThat(s1).isLessThan(s2);
    }

    @Test
    void receivedLinkSeqsAreAContiguousPrefixAndTheOnesAbove() {
        for (long seq : new long[] {1, 2, 4, 6, 3, 2}) {
            fixture.given(received(BOB, 10 + seq, text(group("all"), "x"), seq, 1));
        }
        ReceivedSeqs seqs = fixture.store().links().received(BOB);
        assertThat(seqs.contiguous()).isEqualTo(4);
        assertThat(seqs.above()).containsExactly(6);
        assertThat(seqs.contains(3)).isTrue();
        assertThat(seqs.contains(5)).isFalse();
        assertThat(seqs.contains(6)).isTrue();
        assertThat(fixture.store().links().received(CAROL)).isEqualTo(ReceivedSeqs.NONE);
        assertThat(fixture.restart().links().received(BOB)).isEqualTo(seqs);
        assertThat(fixture.store().links().senders()).containsExactly(BOB);
    }

    @Test
    void aDroppedMessageCountsAsReceivedSoTheLinkMovesPastIt() {
        fixture.given(received(BOB, 11, text(group("all"), "x"), 1, 1));
        fixture.given(new Event.MessageDropped(BOB, 2, "malformed body", 2));
        fixture.given(received(BOB, 13, text(group("all"), "y"), 3, 3));
        assertThat(fixture.store().links().received(BOB).contiguous()).isEqualTo(3);
        assertThat(fixture.restart().links().received(BOB).contiguous()).isEqualTo(3);
    }

    @Test
    void aCopyKeptForAPeerIsInItsOutboxBetweenOwnSendsAndARelayedOneCountsAsReceived() {
        long s1 = fixture.given(sent(ME, 1, text(group("all"), "a"), Set.of(BOB), 1, 1));
        long kept = fixture.given(new Event.CustodyTaken(BOB, 2, new peerchat.store.event.MessageId(CAROL, 5), new byte[] {'R', 1}, 2));
        long s3 = fixture.given(sent(ME, 2, text(group("all"), "b"), Set.of(BOB), 3, 3));
        Links links = fixture.store().links();
        assertThat(links.unacked(BOB)).containsExactly(s1, kept, s3);
        assertThat(links.unackedCopies(BOB)).as("of which kept for it").isEqualTo(1);
        assertThat(links.unackedOwnSends()).as("not the copy").isEqualTo(2);
        assertThat(links.lastSent(BOB)).isEqualTo(3);
        fixture.given(new Event.PeerAcked(BOB, 2, 4));
        assertThat(fixture.restart().links().unacked(BOB)).containsExactly(s3);
        assertThat(fixture.store().links().unackedCopies(BOB)).isZero();

        fixture.given(received(CAROL, 11, text(group("all"), "x"), 1, 5));
        fixture.given(new Event.RelayReceived(CAROL, 2, new peerchat.store.event.MessageId(BOB, 7), 6));
        assertThat(fixture.store().links().received(CAROL).contiguous()).isEqualTo(2);
        assertThat(fixture.restart().links().received(CAROL).contiguous()).isEqualTo(2);
    }
}

package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import peerchat.store.event.NodeId;

/**
 * What every {@link LinkJournal} must do, run against each implementation (the node's Chronicle
 * one should implement this interface too). {@link #reopen} returns the same journal as a restarted
 * node would see it; an in-memory journal returns itself.
 */
interface LinkJournalContract {
    NodeId A = new NodeId("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    NodeId B = new NodeId("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

    LinkJournal journal();

    /** Records a send the way the node does before calling {@code PeerLinks.send}. */
    Outbound recordSend(LinkJournal journal, NodeId to, byte[] body, long notBefore);

    LinkJournal reopen(LinkJournal journal);

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    default void sendsAreNumberedPerDestinationAndReplayedInOrder() {
        LinkJournal j = journal();
        assertThat(recordSend(j, A, text("a1"), 0).linkSeq()).isEqualTo(1);
        assertThat(recordSend(j, B, text("b1"), 0).linkSeq()).isEqualTo(1);
        assertThat(recordSend(j, A, text("a2"), 77).linkSeq()).isEqualTo(2);
        LinkJournal r = reopen(j);
        List<Outbound> toA = r.unacked(A, 0).collectList().block();
        assertThat(toA).extracting(Outbound::linkSeq).containsExactly(1L, 2L);
        assertThat(toA.get(1).notBeforeMillis()).isEqualTo(77);
        assertThat(new String(toA.get(1).body(), StandardCharsets.UTF_8)).isEqualTo("a2");
        assertThat(r.unacked(A, 1).collectList().block()).extracting(Outbound::linkSeq).containsExactly(2L);
    }

    @Test
    default void ackedMessagesAreNotResentAndTheMarkSurvives() {
        LinkJournal j = journal();
        for (int i = 0; i < 5; i++) {
            recordSend(j, A, text("m" + i), 0);
        }
        j.acked(A, 3);
        j.acked(A, 2); // acks may arrive late over an old connection: the mark never goes back
        LinkJournal r = reopen(j);
        assertThat(r.ackedUpTo(A)).isEqualTo(3);
        assertThat(r.ackedUpTo(B)).isZero();
        assertThat(r.unacked(A, 0).collectList().block()).extracting(Outbound::linkSeq).containsExactly(4L, 5L);
        assertThat(recordSend(r, A, text("m5"), 0).linkSeq()).isEqualTo(6);
    }

    @Test
    default void receivedSeqsAreThePrefixAndTheGapsAbove() {
        LinkJournal j = journal();
        j.receive(A, 1, text("1")).block();
        j.receive(A, 2, text("2")).block();
        j.receive(A, 5, text("5")).block();
        j.receive(A, 7, text("7")).block();
        LinkJournal r = reopen(j);
        ReceivedSeqs seqs = r.receivedFrom(A);
        assertThat(seqs.contiguousUpTo()).isEqualTo(2);
        assertThat(seqs.above()).containsExactly(5L, 7L);
        assertThat(r.receivedFrom(B)).isEqualTo(ReceivedSeqs.NONE);
        r.receive(A, 3, text("3")).block();
        r.receive(A, 4, text("4")).block();
        assertThat(r.receivedFrom(A).contiguousUpTo()).isEqualTo(5);
        assertThat(r.receivedFrom(A).above()).containsExactly(7L);
    }
}

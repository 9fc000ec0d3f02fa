package peerchat.engine.causal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import peerchat.store.event.Dependency;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;

/** The core step by step, on small hand-made scenarios whose exact outcome is known. */
class CausalCoreTest {
    static final NodeId A = new NodeId("aaaaaaaa");
    static final NodeId B = new NodeId("bbbbbbbb");
    static final NodeId C = new NodeId("cccccccc");
    static final NodeId D = new NodeId("dddddddd");
    static final NodeId X = new NodeId("0123456789abcdef");

    private static List<MessageId> ids(ReceiveResult<String> r) {
        return r.delivered().stream().map(Incoming::id).toList();
    }

    @Test
    void sendsNumberMessagesAndPruneMetadataPerDestination() {
        CausalCore<String> a = new CausalCore<>(A);
        Outgoing<String> m1 = a.send(Set.of(B, C), "m1");
        assertThat(m1.id()).isEqualTo(new MessageId(A, 1));
        assertThat(m1.meta()).containsOnlyKeys(B, C).allSatisfy((d, meta) -> assertThat(meta).isEmpty());

        Outgoing<String> m2 = a.send(Set.of(B), "m2");
        // b must get m1 before m2 (it keeps b); c is still owed m1.
        assertThat(m2.meta().get(B)).containsExactly(new Dependency(A, 1, Set.of(B, C)));
        assertThat(a.snapshot().log()).containsExactly(new Dependency(A, 1, Set.of(C)), new Dependency(A, 2, Set.of(B)));

        Outgoing<String> m3 = a.send(Set.of(C), "m3");
        assertThat(m3.meta().get(C)).containsExactly(new Dependency(A, 1, Set.of(C)), new Dependency(A, 2, Set.of(B)));
        // (a,1) is now covered for everyone by later messages: its empty entry is not the newest, so it goes.
        assertThat(a.snapshot().log()).containsExactly(new Dependency(A, 2, Set.of(B)), new Dependency(A, 3, Set.of(C)));
        assertThat(a.clock()).isEqualTo(3);
    }

    /** The prototype shared D sets between the copies and its LOG, so later sends rewrote sent metadata. */
    @Test
    void sentMetadataSharesNothingWithTheLog() {
        CausalCore<String> a = new CausalCore<>(A);
        a.send(Set.of(B, C, D), "m1");
        Outgoing<String> m2 = a.send(Set.of(B, C), "m2");
        List<Dependency> toB = List.copyOf(m2.meta().get(B));
        CausalSnapshot log = a.snapshot();

        a.send(Set.of(B), "m3");
        a.send(Set.of(C, D), "m4");
        assertThat(m2.meta().get(B)).isEqualTo(toB);
        assertThat(log.log()).isNotEqualTo(a.snapshot().log());
        assertThatThrownBy(() -> m2.meta().get(B).get(0).destinations().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void messagesOfOneSenderAreDeliveredInOrderWithoutFifoChannels() {
        CausalCore<String> a = new CausalCore<>(A);
        CausalCore<String> b = new CausalCore<>(B);
        Outgoing<String> m1 = a.send(Set.of(B), "m1");
        Outgoing<String> m2 = a.send(Set.of(B), "m2");

        ReceiveResult<String> early = b.receive(m2.copyFor(B));
        assertThat(early.status()).isEqualTo(ReceiveResult.Status.BUFFERED);
        assertThat(early.delivered()).isEmpty();
        assertThat(b.bufferedFrom(A)).isEqualTo(1);

        ReceiveResult<String> late = b.receive(m1.copyFor(B));
        assertThat(late.status()).isEqualTo(ReceiveResult.Status.DELIVERED);
        assertThat(ids(late)).containsExactly(m1.id(), m2.id());
        assertThat(b.snapshot().buffered()).isEmpty();
        assertThat(b.snapshot().delivered()).containsEntry(A, 2L);
    }

    @Test
    void aReplyWaitsForTheMessageItAnswersAtAThirdProcess() {
        CausalCore<String> a = new CausalCore<>(A);
        CausalCore<String> b = new CausalCore<>(B);
        CausalCore<String> c = new CausalCore<>(C);
        Outgoing<String> question = a.send(Set.of(B, C), "question");
        assertThat(b.receive(question.copyFor(B)).status()).isEqualTo(ReceiveResult.Status.DELIVERED);
        Outgoing<String> answer = b.send(Set.of(A, C), "answer");
        assertThat(answer.meta().get(C)).contains(new Dependency(A, 1, Set.of(C)));

        assertThat(c.receive(answer.copyFor(C)).status()).isEqualTo(ReceiveResult.Status.BUFFERED);
        assertThat(ids(c.receive(question.copyFor(C)))).containsExactly(question.id(), answer.id());
        // a is not held up by its own message.
        assertThat(ids(a.receive(answer.copyFor(A)))).containsExactly(answer.id());
    }

    /** Whom a silent sender's messages wait for: the question -waiting answers. */
    @Test
    void holdsSayWhoseMessagesTheBufferedOnesWaitForFirst() {
        CausalCore<String> a = new CausalCore<>(A);
        CausalCore<String> b = new CausalCore<>(B);
        CausalCore<String> c = new CausalCore<>(C);
        CausalCore<String> d = new CausalCore<>(D);
        Outgoing<String> first = a.send(Set.of(B), "to b only: a's clock moves, c is not owed it");
        Outgoing<String> q1 = a.send(Set.of(B, C), "q1");
        Outgoing<String> q2 = a.send(Set.of(B, C), "q2");
        assertThat(b.receive(q1.copyFor(B)).status()).isEqualTo(ReceiveResult.Status.BUFFERED);
        assertThat(c.holds()).isEmpty();
        assertThat(c.receive(q1.copyFor(C)).status()).isEqualTo(ReceiveResult.Status.DELIVERED);
        assertThat(c.receive(q2.copyFor(C)).status()).isEqualTo(ReceiveResult.Status.DELIVERED);
        Outgoing<String> r1 = c.send(Set.of(A, B), "r1");
        Outgoing<String> r2 = c.send(Set.of(A, B), "r2");
        Outgoing<String> late = d.send(Set.of(B), "d's first");
        Outgoing<String> d2 = d.send(Set.of(B), "d's second");

        assertThat(b.receive(r2.copyFor(B)).status()).isEqualTo(ReceiveResult.Status.BUFFERED);
        assertThat(b.receive(r1.copyFor(B)).status()).isEqualTo(ReceiveResult.Status.BUFFERED);
        assertThat(b.receive(d2.copyFor(B)).status()).isEqualTo(ReceiveResult.Status.BUFFERED);
        // q1 waits for a's first; c's replies for a's q2 (r2 through r1, buffered here too); d's
        // second for d's first.
        assertThat(b.holds()).containsExactly(
                new Hold(A, 1, A, 1, 0),
                new Hold(C, 2, A, 3, 0),
                new Hold(D, 1, D, 1, 0));

        assertThat(ids(b.receive(late.copyFor(B)))).containsExactly(late.id(), d2.id());
        assertThat(b.holds()).containsExactly(new Hold(A, 1, A, 1, 0), new Hold(C, 2, A, 3, 0));
        assertThat(ids(b.receive(first.copyFor(B)))).containsExactly(first.id(), q1.id());
        // q1 delivered: what is left waits for a's q2, delivered up to a's 2 here
        assertThat(b.holds()).containsExactly(new Hold(C, 2, A, 3, 2));
        assertThat(ids(b.receive(q2.copyFor(B)))).containsExactly(q2.id(), r1.id(), r2.id());
        assertThat(b.holds()).isEmpty();
    }

    @Test
    void anUnknownSenderIsAProcessWithNothingDeliveredYet() {
        CausalCore<String> c = new CausalCore<>(C);
        ReceiveResult<String> first = c.receive(new Incoming<>(new MessageId(X, 1), Set.of(C), List.of(), "hello"));
        assertThat(first.status()).isEqualTo(ReceiveResult.Status.DELIVERED);
        assertThat(c.snapshot().delivered()).containsEntry(X, 1L);

        // Metadata naming a process never heard of waits for it, no exception and nothing lost.
        Incoming<String> waits = new Incoming<>(new MessageId(D, 4), Set.of(C),
                List.of(new Dependency(B, 2, Set.of(C)), new Dependency(D, 3, Set.of(C))), "later");
        assertThat(c.receive(waits).status()).isEqualTo(ReceiveResult.Status.BUFFERED);
        assertThat(c.bufferedMessages()).containsExactly(waits);
    }

    @Test
    void aDuplicateOfADeliveredMessageChangesNothing() {
        CausalCore<String> a = new CausalCore<>(A);
        CausalCore<String> b = new CausalCore<>(B);
        Outgoing<String> m1 = a.send(Set.of(B, C), "m1");
        b.receive(m1.copyFor(B));
        CausalSnapshot before = b.snapshot();

        ReceiveResult<String> again = b.receive(m1.copyFor(B));
        assertThat(again.status()).isEqualTo(ReceiveResult.Status.DUPLICATE);
        assertThat(again.delivered()).isEmpty();
        assertThat(b.snapshot()).isEqualTo(before);
    }

    @Test
    void aDuplicateOfABufferedMessageChangesNothing() {
        CausalCore<String> a = new CausalCore<>(A);
        CausalCore<String> b = new CausalCore<>(B);
        Outgoing<String> m1 = a.send(Set.of(B), "m1");
        Outgoing<String> m2 = a.send(Set.of(B), "m2");
        b.receive(m2.copyFor(B));
        CausalSnapshot before = b.snapshot();

        assertThat(b.receive(m2.copyFor(B)).status()).isEqualTo(ReceiveResult.Status.DUPLICATE);
        assertThat(b.snapshot()).isEqualTo(before);
        assertThat(b.bufferedFrom(A)).isEqualTo(1);
        assertThat(ids(b.receive(m1.copyFor(B)))).containsExactly(m1.id(), m2.id());
    }

    static Stream<Arguments> unsatisfiable() {
        return Stream.of(
                Arguments.of("names a timestamp its own sender has not reached",
                        new Incoming<>(new MessageId(A, 3), Set.of(B), List.of(new Dependency(A, 5, Set.of(B))), "x"),
                        "own message 5"),
                Arguments.of("names its own current timestamp",
                        new Incoming<>(new MessageId(A, 3), Set.of(B), List.of(new Dependency(A, 3, Set.of(B))), "x"),
                        "own message 3"),
                Arguments.of("names a message of the receiver that was never sent",
                        new Incoming<>(new MessageId(A, 1), Set.of(B), List.of(new Dependency(B, 7, Set.of(C))), "x"),
                        "has not sent"),
                Arguments.of("puts a sender among the destinations of its own message",
                        new Incoming<>(new MessageId(A, 1), Set.of(B), List.of(new Dependency(C, 1, Set.of(B, C))), "x"),
                        "names its sender"),
                Arguments.of("lists the same dependency twice",
                        new Incoming<>(new MessageId(A, 2), Set.of(B),
                                List.of(new Dependency(C, 1, Set.of(B)), new Dependency(C, 1, Set.of(D))), "x"),
                        "twice"),
                Arguments.of("lists the same dependency twice among more than sixteen",
                        new Incoming<>(new MessageId(A, 2), Set.of(B), Stream.concat(
                                java.util.stream.LongStream.rangeClosed(1, 17).mapToObj(t -> new Dependency(C, t, Set.of(B))),
                                Stream.of(new Dependency(C, 9, Set.of(D)))).toList(), "x"),
                        "C-9 appears twice".replace("C", C.toString())),
                Arguments.of("has a zero timestamp",
                        new Incoming<>(new MessageId(A, 2), Set.of(B), List.of(new Dependency(C, 0, Set.of(B))), "x"),
                        "start at 1"),
                Arguments.of("is not addressed to the receiver",
                        new Incoming<>(new MessageId(A, 1), Set.of(C), List.of(), "x"), "not among"),
                Arguments.of("is addressed to its own sender",
                        new Incoming<>(new MessageId(A, 1), Set.of(A, B), List.of(), "x"), "itself"),
                Arguments.of("is the receiver's own message",
                        new Incoming<>(new MessageId(B, 1), Set.of(B), List.of(), "x"), "own message came back"));
    }

    @ParameterizedTest(name = "a copy that {0} is rejected, the sender named, nothing changed")
    @MethodSource("unsatisfiable")
    void metadataThatCanNeverBeSatisfiedIsReportedWithTheSender(String why, Incoming<String> bad, String reason) {
        CausalCore<String> b = new CausalCore<>(B);
        CausalSnapshot before = b.snapshot();

        ReceiveResult<String> r = b.receive(bad);
        assertThat(r.status()).isEqualTo(ReceiveResult.Status.REJECTED);
        assertThat(r.rejection()).hasValueSatisfying(rej -> {
            assertThat(rej.sender()).isEqualTo(bad.sender());
            assertThat(rej.message()).isEqualTo(bad.id());
            assertThat(rej.reason()).contains(reason);
        });
        assertThat(b.snapshot()).isEqualTo(before);
        // The core goes on: a good message from the same sender is delivered.
        Incoming<String> good = new Incoming<>(new MessageId(A, 1), Set.of(B), List.of(), "ok");
        assertThat(b.receive(good).status()).isEqualTo(ReceiveResult.Status.DELIVERED);
    }

    @Test
    void aProcessNeverSendsToItself() {
        CausalCore<String> a = new CausalCore<>(A);
        assertThatThrownBy(() -> a.send(Set.of(A, B), "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never sends to itself");
        assertThat(a.clock()).isZero();
    }

    @Test
    void aFullBufferAsksToPauseItsSenderAndReleasesItWhenDrained() {
        CausalCore<String> a = new CausalCore<>(A);
        CausalCore<String> b = new CausalCore<>(B, 2);
        CausalCore<String> c = new CausalCore<>(C);
        Outgoing<String> x = c.send(Set.of(A, B), "x");
        a.receive(x.copyFor(A));
        Outgoing<String> m1 = a.send(Set.of(B), "m1");
        Outgoing<String> m2 = a.send(Set.of(B), "m2");

        ReceiveResult<String> first = b.receive(m1.copyFor(B));
        assertThat(first.status()).isEqualTo(ReceiveResult.Status.BUFFERED);
        assertThat(first.senderShouldPause()).isFalse();
        ReceiveResult<String> second = b.receive(m2.copyFor(B));
        assertThat(second.senderShouldPause()).isTrue();
        assertThat(b.shouldPause(A)).isTrue();
        assertThat(b.shouldPause(C)).isFalse();

        ReceiveResult<String> released = b.receive(x.copyFor(B));
        assertThat(ids(released)).containsExactly(x.id(), m1.id(), m2.id());
        assertThat(released.resumable()).containsExactly(A);
        assertThat(released.senderShouldPause()).isFalse();
        assertThat(b.shouldPause(A)).isFalse();
    }

    @Test
    void aPausedSendersLinkCanStillPassTheCopyEverythingWaitsFor() {
        CausalCore<String> a = new CausalCore<>(A);
        CausalCore<String> b = new CausalCore<>(B, 2);
        Outgoing<String> m1 = a.send(Set.of(B), "held back by -delay");
        Outgoing<String> m2 = a.send(Set.of(B), "m2");
        Outgoing<String> m3 = a.send(Set.of(B), "m3");
        b.receive(m2.copyFor(B));
        assertThat(b.receive(m3.copyFor(B)).senderShouldPause()).isTrue();
        CausalSnapshot before = b.snapshot();

        assertThat(b.deliverableNow(m1.copyFor(B))).isTrue();
        assertThat(b.deliverableNow(m2.copyFor(B))).as("already buffered").isFalse();
        assertThat(b.snapshot()).as("asking changes nothing").isEqualTo(before);
        ReceiveResult<String> r = b.receive(m1.copyFor(B));
        assertThat(ids(r)).containsExactly(m1.id(), m2.id(), m3.id());
        assertThat(r.resumable()).containsExactly(A);
        assertThat(b.deliverableNow(m1.copyFor(B))).as("now a duplicate").isFalse();
        assertThat(b.deliverableNow(new Incoming<>(new MessageId(X, 1), Set.of(B),
                List.of(new Dependency(D, 1, Set.of(B))), "from strangers"))).isFalse();
    }

    @Test
    void anEmptyDestinationSetStillTakesATimestamp() {
        CausalCore<String> a = new CausalCore<>(A);
        Outgoing<String> alone = a.send(Set.of(), "note to self");
        assertThat(alone.meta()).isEmpty();
        Outgoing<String> next = a.send(Set.of(B), "m2");
        assertThat(next.id().seq()).isEqualTo(2);
        assertThat(a.snapshot().log()).containsExactly(new Dependency(A, 2, Set.of(B)));
        Simulation.checkInvariants(A, a);
    }

    @Test
    void replayingASendChecksItsTimestamp() {
        CausalCore<String> a = new CausalCore<>(A);
        assertThatThrownBy(() -> a.replaySend(new MessageId(B, 1), Set.of(C), "x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("was not sent by");
        assertThat(a.replaySend(new MessageId(A, 1), Set.of(B), "x").id()).isEqualTo(new MessageId(A, 1));
        assertThatThrownBy(() -> a.replaySend(new MessageId(A, 1), Set.of(B), "x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not follow clock 1");
        // Timestamps between (skipped, or sends the log could not give back) are never used again.
        assertThat(a.replaySend(new MessageId(A, 4), Set.of(B), "x").id()).isEqualTo(new MessageId(A, 4));
        assertThat(a.send(Set.of(B), "next").id()).isEqualTo(new MessageId(A, 5));
    }

    @Test
    void skippingAheadNumbersTheNextMessageFurtherOnAndChangesNothingElse() {
        CausalCore<String> a = new CausalCore<>(A);
        a.send(Set.of(B), "a1");
        var before = a.snapshot();
        a.skipAhead(3);
        assertThat(a.clock()).isEqualTo(4);
        assertThat(a.snapshot().log()).isEqualTo(before.log());
        assertThat(a.send(Set.of(B), "after").id()).isEqualTo(new MessageId(A, 5));
        assertThatThrownBy(() -> a.skipAhead(-1)).isInstanceOf(IllegalArgumentException.class);
        Simulation.checkInvariants(A, a);
    }

    @Test
    void theBoundMustBePositive() {
        assertThatThrownBy(() -> new CausalCore<>(A, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

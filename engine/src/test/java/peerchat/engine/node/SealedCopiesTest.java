package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.identity.Identity;
import peerchat.store.Store;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.event.Target;

/** Who gets sealed copies of a message, on a real log. */
class SealedCopiesTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Identity ME = Identity.generate();
    static final NodeId BOB = new NodeId("b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0");
    static final NodeId CAROL = new NodeId("c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0");
    static final NodeId DAVE = new NodeId("d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0");
    static final NodeId ERIN = new NodeId("e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0");
    static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    Path dir;

    private static Event.MessageSent toAll(long seq, long ts) {
        Set<NodeId> dests = Set.of(BOB, CAROL, DAVE, ERIN);
        return new Event.MessageSent(new MessageId(ME.id(), seq), dests,
                Map.of(BOB, List.of(), CAROL, List.of(), DAVE, List.of(), ERIN, List.of()),
                Map.of(BOB, seq, CAROL, seq, DAVE, seq, ERIN, seq), new Payload.Chat(new Target.Group(GroupName.ALL), "hi"), ts, ts);
    }

    @Test
    void theUnlinkedGetSealedCopiesKeptByTwoLinkedOnesUnlessGoneForAMonth() throws Exception {
        try (Store store = Store.open(dir.resolve("log"))) {
            for (NodeId p : List.of(BOB, CAROL, DAVE, ERIN)) {
                store.append(new Event.PeerConnected(p, "127.0.0.9:7117", 1)).block(WAIT);
            }
            store.append(new Event.PeerDisconnected(BOB, "away", 31 * DAY)).block(WAIT);
            store.append(new Event.PeerDisconnected(ERIN, "left", 1 * DAY)).block(WAIT);
            SealedCopies sealed = new SealedCopies(ME, new WireCodec(), store);

            // bob went ten days ago, erin forty: only bob's copy is sealed; carol and dave keep it
            SealedCopies.Custody custody = sealed.forSend(toAll(1, 41 * DAY), Set.of(CAROL, DAVE));
            assertThat(custody.keepers()).containsExactlyInAnyOrder(CAROL, DAVE);
            assertThat(custody.envelopes()).hasSize(1);
            RelayEnvelope forBob = RelayEnvelope.open(custody.envelopes().get(0));
            assertThat(forBob.forPeer()).isEqualTo(BOB);
            assertThat(forBob.verified()).isTrue();
            assertThat(CustodyBundle.unwrap(custody.bodyFor(CAROL, new byte[] {':'})).envelopes()).hasSize(1);
            assertThat(custody.bodyFor(BOB, new byte[] {':'})).containsExactly(':');

            // everyone linked, or nobody to keep them: nothing sealed
            assertThat(sealed.forSend(toAll(2, 41 * DAY), Set.of(BOB, CAROL, DAVE, ERIN))).isSameAs(SealedCopies.Custody.NONE);
            assertThat(sealed.forSend(toAll(3, 41 * DAY), Set.of())).isSameAs(SealedCopies.Custody.NOBODY_LINKED);
            // three linked: the two lowest ids keep them
            assertThat(sealed.forSend(toAll(4, 35 * DAY), Set.of(CAROL, DAVE, ERIN)).keepers()).containsExactlyInAnyOrder(CAROL, DAVE);
        }
    }

    /**
     * Users never met here, told of by a peer's roster, get sealed copies unless no one has had a
     * link to them for a month: an old identity of someone who reinstalled, passed on from node to
     * node, would otherwise cost every message a signature and two kept copies for ever.
     */
    @Test
    void usersToldOfAreSealedForUnlessNobodySawThemForAMonth() throws Exception {
        try (Store store = Store.open(dir.resolve("log"))) {
            store.append(new Event.PeerConnected(CAROL, "127.0.0.9:7117", 40 * DAY)).block(WAIT);
            store.append(new Event.PeerConnected(DAVE, "127.0.0.9:7117", 40 * DAY)).block(WAIT);
            store.append(new Event.UserHeard(BOB, "bob", CAROL, 35 * DAY, List.of(), 40 * DAY)).block(WAIT);
            store.append(new Event.UserHeard(ERIN, "erin", CAROL, 5 * DAY, List.of(), 40 * DAY)).block(WAIT);
            SealedCopies sealed = new SealedCopies(ME, new WireCodec(), store);

            SealedCopies.Custody custody = sealed.forSend(toAll(1, 41 * DAY), Set.of(CAROL, DAVE));
            assertThat(custody.envelopes()).extracting(e -> RelayEnvelope.open(e).forPeer()).containsExactly(BOB);
        }
    }

    @Test
    void aLostPeerLinkedAgainKeepsNoCopiesOfItsOwn() throws Exception {
        try (Store store = Store.open(dir.resolve("log"))) {
            for (NodeId p : List.of(BOB, CAROL, DAVE, ERIN)) {
                store.append(new Event.PeerConnected(p, "127.0.0.9:7117", 1)).block(WAIT);
            }
            long first = store.append(toAll(1, DAY)).block(WAIT);
            long second = store.append(toAll(2, DAY)).block(WAIT);
            SealedCopies sealed = new SealedCopies(ME, new WireCodec(), store);

            // bob's link went down and came back before its loss was handled; bob has the lowest
            // id, so it would have been the first keeper of copies meant for itself
            Map<NodeId, List<SealedCopies.Sealed>> byKeeper =
                    sealed.forLostLink(BOB, new long[] {first, second}, 0, Set.of(BOB, CAROL, DAVE));
            assertThat(byKeeper).containsOnlyKeys(CAROL, DAVE);
            assertThat(byKeeper.get(CAROL)).extracting(SealedCopies.Sealed::id)
                    .containsExactly(new MessageId(ME.id(), 1), new MessageId(ME.id(), 2));
            assertThat(RelayEnvelope.open(byKeeper.get(DAVE).get(0).envelope()).forPeer()).isEqualTo(BOB);
            // acknowledged up to 1: only the second is sealed
            assertThat(sealed.forLostLink(BOB, new long[] {first, second}, 1, Set.of(CAROL)).get(CAROL))
                    .extracting(SealedCopies.Sealed::id).containsExactly(new MessageId(ME.id(), 2));
        }
    }

    /**
     * Sent while no destination was linked: the first destination that links keeps copies for
     * the others still away. One that every other destination has (acknowledged or linked) needs
     * none, and one from an earlier run that some destination had acknowledged was out then.
     */
    @Test
    void whatWasSentAloneIsSealedForTheFirstDestinationThatLinks() throws Exception {
        try (Store store = Store.open(dir.resolve("log"))) {
            long toAll = store.append(toAll(1, DAY)).block(WAIT);
            Event.MessageSent toCarolAndDave = new Event.MessageSent(new MessageId(ME.id(), 2), Set.of(CAROL, DAVE),
                    Map.of(CAROL, List.of(), DAVE, List.of()), Map.of(CAROL, 2L, DAVE, 2L),
                    new Payload.Chat(new Target.Group(GroupName.ALL), "hi"), DAY, DAY);
            long notForBob = store.append(toCarolAndDave).block(WAIT);
            long earlier = store.append(toAll(3, DAY)).block(WAIT);
            SealedCopies sealed = new SealedCopies(ME, new WireCodec(), store);
            long[] all = {toAll, notForBob, earlier};

            // bob links: the two it is a destination of are sealed for carol, dave and erin; the
            // third was acknowledged by erin before this run began
            SealedCopies.ForKeeper forBob = sealed.forNewKeeper(BOB, all, Set.of(earlier), p -> 0,
                    p -> p.equals(ERIN) ? 3 : 0, Set.of(BOB));
            assertThat(forBob.given()).containsExactly(toAll);
            assertThat(forBob.settled()).containsExactly(earlier);
            assertThat(forBob.copies()).extracting(c -> RelayEnvelope.open(c.envelope()).forPeer()).containsExactly(CAROL, DAVE, ERIN);
            assertThat(forBob.copies()).allSatisfy(c -> assertThat(c.id()).isEqualTo(new MessageId(ME.id(), 1)));

            // carol links while dave is linked and the others acknowledged: nothing is left to keep
            SealedCopies.ForKeeper forCarol = sealed.forNewKeeper(CAROL, all, Set.of(), p -> p.equals(DAVE) ? 0 : 9,
                    p -> 0, Set.of(CAROL, DAVE));
            assertThat(forCarol.copies()).isEmpty();
            assertThat(forCarol.settled()).containsExactlyInAnyOrder(toAll, notForBob, earlier);
        }
    }
}

package peerchat.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import peerchat.store.event.NodeId;

class PeerDirectoryTest {
    private static final NodeId SELF = new NodeId("5e1f5e1f");
    private static final NodeId P = new NodeId("aaaaaaaa");
    private static final NodeId Q = new NodeId("bbbbbbbb");
    private static final InetSocketAddress A1 = address(1);
    private static final InetSocketAddress A2 = address(2);
    private static final InetSocketAddress A3 = address(3);
    private static final DialPolicy POLICY = new DialPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8),
            Duration.ofSeconds(5), 3, 100);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T23:00:00Z"));

    @Test
    void aSeedIsDueAtOnceAndNotAgainWhileItIsBeingDialed() {
        PeerDirectory directory = directory(Jitter.LONGEST);
        directory.addSeed(A1);
        assertThat(directory.due()).containsExactly(A1);
        assertThat(directory.due()).isEmpty();
    }

    @Test
    void failuresBackOffExponentiallyUpToTheMaximum() {
        PeerDirectory directory = directory(Jitter.LONGEST);
        directory.addSeed(A1);
        for (long expected : new long[] {1, 2, 4, 8, 8, 8}) {
            assertThat(directory.due()).containsExactly(A1);
            directory.dialFailed(A1);
            assertThat(directory.untilNextDue()).contains(Duration.ofSeconds(expected));
            clock.advance(Duration.ofSeconds(expected).minusMillis(1));
            assertThat(directory.due()).isEmpty();
            clock.advance(Duration.ofMillis(1));
        }
    }

    @Test
    void jitterNeverShortensAWaitBelowHalfTheBackoff() {
        PeerDirectory directory = directory(Jitter.SHORTEST);
        directory.addSeed(A1);
        for (long expectedMillis : new long[] {500, 1000, 2000, 4000, 4000}) {
            directory.due();
            directory.dialFailed(A1);
            assertThat(directory.untilNextDue()).contains(Duration.ofMillis(expectedMillis));
            clock.advance(Duration.ofMillis(expectedMillis));
        }
    }

    @Test
    void randomJitterStaysWithinHalfToFullBackoff() {
        Random random = new Random(7);
        for (int failures = 1; failures < 70; failures++) {
            long full = Math.min(8000, 1000L << Math.min(failures - 1, 20));
            for (int i = 0; i < 50; i++) {
                assertThat(POLICY.backoff(failures, random).toMillis()).isBetween(full / 2, full);
            }
        }
    }

    @Test
    void aSeedIsNeverForgottenButAPeerOnlyHeardOfIs() {
        PeerDirectory directory = directory(Jitter.LONGEST);
        directory.addSeed(A1);
        directory.addGossip(P, A2);
        for (int round = 0; round < 5; round++) {
            for (InetSocketAddress dialed : directory.due()) {
                directory.dialFailed(dialed);
            }
            clock.advance(Duration.ofSeconds(8));
        }
        assertThat(directory.due()).containsExactly(A1);
        assertThat(directory.knownPeers()).isEmpty();
    }

    @Test
    void anUnansweredDialTimesOutAsAFailure() {
        PeerDirectory directory = directory(Jitter.LONGEST);
        directory.addSeed(A1);
        directory.due();
        assertThat(directory.untilNextDue()).contains(Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        assertThat(directory.due()).isEmpty();
        assertThat(directory.untilNextDue()).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(directory.due()).containsExactly(A1);
    }

    @Test
    void aSightingEndsTheWaitButKeepsTheFailureCount() {
        PeerDirectory directory = directory(Jitter.LONGEST);
        directory.addSighting(new Sighting(P, A1));
        fail(directory, A1);
        assertThat(directory.due()).isEmpty();

        directory.addSighting(new Sighting(P, A1));
        assertThat(directory.due()).containsExactly(A1);
        directory.dialFailed(A1);
        assertThat(directory.untilNextDue()).contains(Duration.ofSeconds(2));
    }

    @Test
    void gossipAboutAKnownAddressChangesNothing() {
        PeerDirectory directory = directory(Jitter.LONGEST);
        directory.addGossip(P, A1);
        fail(directory, A1);
        directory.addGossip(P, A1);
        assertThat(directory.due()).isEmpty();
        assertThat(directory.untilNextDue()).contains(Duration.ofSeconds(1));
    }

    @Test
    void aConnectedPeerIsNotDialedAtAnyOfItsAddressesUntilItsLinkDrops() {
        PeerDirectory directory = directory(Jitter.LONGEST);
        directory.addSeed(A1);
        directory.addSeed(A2);
        assertThat(directory.due()).containsExactly(A1, A2);
        directory.linkUp(P, A1);
        directory.linkUp(P, A2);
        assertThat(directory.due()).isEmpty();
        assertThat(directory.untilNextDue()).isEmpty();

        directory.linkDown(P);
        assertThat(directory.due()).isEmpty();
        assertThat(directory.untilNextDue()).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(directory.due()).containsExactly(A1, A2);
    }

    @Test
    void anInboundLinkStopsADialAlreadyUnderWay() {
        PeerDirectory directory = directory(Jitter.LONGEST);
        directory.addSighting(new Sighting(P, A1));
        assertThat(directory.due()).containsExactly(A1);
        directory.linkUp(P, A1);
        // The dial loses to the inbound link (the duplicate is closed): that is no failure.
        directory.dialFailed(A1);
        assertThat(directory.untilNextDue()).isEmpty();
        assertThat(directory.knownPeers()).containsExactly(Map.entry(P, A1));
    }

    @Test
    void aPeerSeenAtANewAddressHasMoved() {
        PeerDirectory directory = directory(Jitter.LONGEST);
        directory.addSighting(new Sighting(P, A1));
        directory.addSighting(new Sighting(P, A2));
        assertThat(directory.due()).containsExactly(A2);
        assertThat(directory.knownPeers()).containsExactly(Map.entry(P, A2));
    }

    @Test
    void aMovedPeerKeepsItsSeedAddress() {
        PeerDirectory directory = directory(Jitter.LONGEST);
        directory.addSeed(A1);
        directory.due();
        directory.linkUp(P, A1);
        directory.linkDown(P);
        directory.addSighting(new Sighting(P, A2));
        clock.advance(Duration.ofSeconds(1));
        assertThat(directory.due()).containsExactly(A1, A2);
    }

    @Test
    void thisNodeIsNeverDialed() {
        PeerDirectory directory = directory(Jitter.LONGEST);
        directory.addSighting(new Sighting(SELF, A1));
        directory.addGossip(SELF, A2);
        assertThat(directory.due()).isEmpty();

        // A seed that turns out to be this node (the handshake says so) is never dialed again.
        directory.addSeed(A3);
        assertThat(directory.due()).containsExactly(A3);
        directory.linkUp(SELF, A3);
        directory.addSeed(A3);
        directory.addGossip(Q, A3);
        clock.advance(Duration.ofMinutes(1));
        assertThat(directory.due()).isEmpty();
        assertThat(directory.untilNextDue()).isEmpty();
        assertThat(directory.knownPeers()).isEmpty();
    }

    @Test
    void addressesThatCannotBeDialedAreIgnored() {
        PeerDirectory directory = directory(Jitter.LONGEST);
        directory.addSeed(new InetSocketAddress("0.0.0.0", 7117));
        directory.addSeed(InetSocketAddress.createUnresolved("nowhere.invalid", 7117));
        directory.addGossip(P, new InetSocketAddress("127.0.0.1", 0));
        assertThat(directory.due()).isEmpty();
        assertThat(directory.untilNextDue()).isEmpty();
    }

    @Test
    void gossipCannotGrowTheDirectoryBeyondItsBoundButSeedsStillCount() {
        PeerDirectory directory = new PeerDirectory(SELF,
                new DialPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(5), 3, 2),
                clock, Jitter.LONGEST);
        directory.addGossip(P, A1);
        directory.addGossip(Q, A2);
        directory.addGossip(new NodeId("cccccccc"), A3);
        directory.addSeed(address(4));
        assertThat(directory.due()).containsExactly(A1, A2, address(4));
    }

    @Test
    void knownPeersAreThoseWithAnId() {
        PeerDirectory directory = directory(Jitter.LONGEST);
        directory.addSeed(A1);
        directory.addGossip(P, A2);
        directory.addSighting(new Sighting(Q, A3));
        assertThat(directory.knownPeers()).containsExactly(Map.entry(P, A2), Map.entry(Q, A3));
    }

    @Test
    void nothingKnownMeansNothingToWaitFor() {
        assertThat(directory(Jitter.LONGEST).untilNextDue()).isEqualTo(Optional.empty());
    }

    @Test
    void policyRefusesNonsense() {
        assertThatThrownBy(() -> new DialPolicy(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DialPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DialPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DialPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private PeerDirectory directory(RandomGenerator jitter) {
        return new PeerDirectory(SELF, POLICY, clock, jitter);
    }

    private void fail(PeerDirectory directory, InetSocketAddress address) {
        Duration wait = directory.untilNextDue().orElseThrow();
        clock.advance(wait);
        assertThat(directory.due()).contains(address);
        directory.dialFailed(address);
    }

    private static InetSocketAddress address(int last) {
        return new InetSocketAddress("127.0.0." + (10 + last), 7117);
    }

    /** Pins the jitter to one end of its range, so that schedules are exact. */
    private enum Jitter implements RandomGenerator {
        SHORTEST, LONGEST;

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only bounded draws are used");
        }

        @Override
        public long nextLong(long bound) {
            return this == SHORTEST ? 0 : bound - 1;
        }
    }
}

package peerchat.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import peerchat.store.event.NodeId;

class SightingFilterTest {
    private static final NodeId SELF = new NodeId("aaaaaaaa");
    private static final NodeId PEER = new NodeId("bbbbbbbb");
    private static final Duration WINDOW = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T23:00:00Z"));
    private final SightingFilter filter = new SightingFilter(SELF, WINDOW, clock);

    @Test
    void neverAdmitsOwnBeacon() {
        assertThat(filter.admit(sighting(SELF, 7117))).isFalse();
        clock.advance(WINDOW.multipliedBy(2));
        assertThat(filter.admit(sighting(SELF, 7117))).isFalse();
    }

    @Test
    void admitsSamePeerAtSameAddressOncePerWindow() {
        assertThat(filter.admit(sighting(PEER, 7117))).isTrue();
        clock.advance(WINDOW.minusMillis(1));
        assertThat(filter.admit(sighting(PEER, 7117))).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(filter.admit(sighting(PEER, 7117))).isTrue();
    }

    @Test
    void admitsAtOnceWhenThePeerMoves() {
        assertThat(filter.admit(sighting(PEER, 7117))).isTrue();
        assertThat(filter.admit(sighting(PEER, 7118))).isTrue();
        assertThat(filter.admit(sighting(new NodeId("cccccccc"), 7117))).isTrue();
    }

    @Test
    void aPeerThatMovesAndComesBackIsAdmittedAtOnceBothTimes() {
        assertThat(filter.admit(sighting(PEER, 7117))).isTrue();
        clock.advance(Duration.ofSeconds(5));
        assertThat(filter.admit(sighting(PEER, 7118))).isTrue();
        clock.advance(Duration.ofSeconds(5));
        assertThat(filter.admit(sighting(PEER, 7117))).as("back where it was 10 s ago").isTrue();
        assertThat(filter.admit(sighting(PEER, 7117))).isFalse();
        filter.forget(sighting(PEER, 7118)); // not where it is now: nothing changes
        assertThat(filter.admit(sighting(PEER, 7117))).isFalse();
    }

    @Test
    void thisNodesIdFromElsewhereIsAnotherNodeWithItsIdentityReportedOnceAfterTwoBeacons() {
        InetSocketAddress ours = new InetSocketAddress("127.0.0.1", 7117);
        assertThat(filter.otherSelf(sighting(SELF, 7117), ours)).as("our own beacon, looped back").isFalse();
        assertThat(filter.otherSelf(sighting(SELF, 7117), ours)).isFalse();
        assertThat(filter.otherSelf(sighting(SELF, 7200), ours)).as("one could be ours from before a move").isFalse();
        assertThat(filter.otherSelf(sighting(SELF, 7200), ours)).isTrue();
        assertThat(filter.otherSelf(sighting(SELF, 7200), ours)).isFalse();
        assertThat(filter.otherSelf(sighting(PEER, 7300), ours)).isFalse();
        assertThat(filter.otherSelf(sighting(PEER, 7300), ours)).isFalse();
        assertThat(filter.admit(sighting(SELF, 7200))).as("never a sighting to dial").isFalse();
    }

    @Test
    void zeroWindowAdmitsEveryBeacon() {
        SightingFilter everything = new SightingFilter(SELF, Duration.ZERO, clock);
        assertThat(everything.admit(sighting(PEER, 7117))).isTrue();
        assertThat(everything.admit(sighting(PEER, 7117))).isTrue();
    }

    @Test
    void forgottenSightingIsAdmittedAgain() {
        assertThat(filter.admit(sighting(PEER, 7117))).isTrue();
        filter.forget(sighting(PEER, 7117));
        assertThat(filter.admit(sighting(PEER, 7117))).isTrue();
    }

    @Test
    void clockSteppingBackDoesNotSilenceAPeer() {
        assertThat(filter.admit(sighting(PEER, 7117))).isTrue();
        clock.set(Instant.parse("2026-11-24T22:00:00Z"));
        assertThat(filter.admit(sighting(PEER, 7117))).isTrue();
    }

    private static Sighting sighting(NodeId id, int port) {
        return new Sighting(id, new InetSocketAddress("127.0.0.1", port));
    }
}

package peerchat.store.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static peerchat.store.Fixtures.BOB;
import static peerchat.store.Fixtures.CAROL;
import static peerchat.store.Fixtures.ME;
import static peerchat.store.Fixtures.change;
import static peerchat.store.Fixtures.identity;
import static peerchat.store.Fixtures.received;
import static peerchat.store.Fixtures.seen;
import static peerchat.store.Fixtures.sent;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.GroupStamp;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload.Change;

/**
 * What a node learns of users it has not met from the peers it meets ({@code UserHeard}): the
 * newcomer who would otherwise send a group's messages only to the members it had met.
 */
class HeardMembershipTest {
    private static final GroupName DEV = new GroupName("dev");
    private static final NodeId DAVE = new NodeId("dddddddd00000004");

    @TempDir
    Path dir;
    StoreFixture fixture;
    Membership membership;

    @BeforeEach
    void open() {
        fixture = new StoreFixture(dir);
        membership = fixture.store().membership();
        fixture.given(identity(ME, "me"), seen(BOB, "bob"));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static GroupStamp in(long seq) {
        return new GroupStamp(DEV, seq, true);
    }

    private static GroupStamp out(long seq) {
        return new GroupStamp(DEV, seq, false);
    }

    private void heard(NodeId user, String name, GroupStamp... stamps) {
        fixture.given(new Event.UserHeard(user, name, BOB, 0, List.of(stamps), 50));
    }

    private void delivered(NodeId from, long seq, Change c) {
        fixture.given(received(from, seq, change("dev", c), seq, 100 + seq));
        fixture.given(new Event.MessageDelivered(new MessageId(from, seq), 101 + seq));
    }

    private static List<String> names(List<UserInfo> users) {
        return users.stream().map(UserInfo::name).collect(Collectors.toList());
    }

    @Test
    void aUserHeardOfIsKnownInAllAndInTheGroupsHeardAcrossARestart() {
        heard(CAROL, "carol", in(3));
        for (Membership m : List.of(membership, fixture.restart().membership())) {
            assertThat(names(m.users())).containsExactly("bob", "carol", "me");
            assertThat(names(m.members(GroupName.ALL))).containsExactly("bob", "carol", "me");
            assertThat(m.exists(DEV)).isTrue();
            assertThat(names(m.members(DEV))).containsExactly("carol");
            assertThat(m.user(CAROL).orElseThrow()).satisfies(u -> {
                assertThat(u.online()).isFalse();
                assertThat(u.address()).isNull(); // never met: the first link with her is a first meeting
            });
        }
    }

    @Test
    void theNewestStampCountsWhicheverRoadItCameBy() {
        heard(CAROL, "carol", in(3));
        delivered(CAROL, 7, Change.LEAVE); // her own, newer
        assertThat(membership.isMember(CAROL, DEV)).isFalse();
        heard(CAROL, "carol", in(5)); // someone who had not heard of her leave yet
        assertThat(membership.isMember(CAROL, DEV)).isFalse();

        heard(DAVE, "dave", out(9));
        delivered(DAVE, 4, Change.JOIN); // his own, but older than the leave passed on
        assertThat(membership.isMember(DAVE, DEV)).isFalse();
        assertThat(fixture.restart().membership().members(DEV)).isEmpty();
    }

    @Test
    void newsIsWhatIsNotKnownYetAndNothingOfThisNodeItself() {
        KnownUser carol = new KnownUser(CAROL, "carol", 0, List.of(in(3)));
        Event.UserHeard first = membership.news(BOB, carol, 60).orElseThrow();
        assertThat(first).isEqualTo(new Event.UserHeard(CAROL, "carol", BOB, 0, List.of(in(3)), 60));
        fixture.given(first);
        assertThat(membership.news(BOB, carol, 61)).isEmpty();

        Event.UserHeard newer = membership.news(BOB, new KnownUser(CAROL, "carol", 0, List.of(in(3), new GroupStamp(new GroupName("ops"), 8, true))), 62)
                .orElseThrow();
        assertThat(newer.groups()).containsExactly(new GroupStamp(new GroupName("ops"), 8, true));

        // A user known only by a short id so far (the sender of a change) gets the name heard.
        delivered(DAVE, 2, Change.JOIN);
        assertThat(membership.news(BOB, new KnownUser(DAVE, null, 0, List.of()), 63)).isEmpty();
        assertThat(membership.news(BOB, new KnownUser(DAVE, "dave", 0, List.of()), 63)).isPresent();

        assertThat(membership.news(BOB, new KnownUser(ME, "someone", 0, List.of(out(99))), 64)).isEmpty();
        assertThat(membership.news(BOB, new KnownUser(BOB, "bob", 0, List.of(in(99))), 64)).as("what bob says of himself").isPresent();
        fixture.given(new Event.UserHeard(ME, "someone", BOB, 0, List.of(out(99)), 64));
        assertThat(membership.user(ME).orElseThrow().name()).isEqualTo("me");
    }

    @Test
    void aNameHeardIsTakenOnlyUntilTheUserGivesOne() {
        heard(BOB, "robert"); // bob named himself in a handshake
        assertThat(membership.user(BOB).orElseThrow().name()).isEqualTo("bob");

        delivered(DAVE, 2, Change.JOIN);
        assertThat(membership.user(DAVE).orElseThrow().name()).isEqualTo("dddddddd");
        heard(DAVE, "dave");
        assertThat(membership.user(DAVE).orElseThrow().name()).isEqualTo("dave");
        fixture.given(seen(DAVE, "david"));
        assertThat(membership.user(DAVE).orElseThrow().name()).isEqualTo("david");
        heard(DAVE, "dave");
        assertThat(membership.user(DAVE).orElseThrow().name()).isEqualTo("david");
    }

    /** A rename reaches only those its sender knew: someone told of the user learns the new name from whoever saw them since. */
    @Test
    void aNameHeardGivesWayToOneHeardFromSomeoneWhoSawTheUserSinceUntilTheUserGivesOne() {
        fixture.given(new Event.UserHeard(DAVE, "dave", BOB, 10, List.of(), 50));
        assertThat(membership.news(BOB, new KnownUser(DAVE, "david", 20, List.of()), 60)).isPresent();
        assertThat(membership.news(BOB, new KnownUser(DAVE, "dv", 5, List.of()), 60)).as("from before").isEmpty();
        fixture.given(new Event.UserHeard(DAVE, "david", CAROL, 20, List.of(), 60));
        assertThat(membership.user(DAVE).orElseThrow().name()).isEqualTo("david");
        assertThat(membership.formerName(DAVE)).contains("dave");
        fixture.given(new Event.UserHeard(DAVE, "dave", BOB, 15, List.of(), 70));
        assertThat(membership.user(DAVE).orElseThrow().name()).isEqualTo("david");
        assertThat(fixture.restart().membership().user(DAVE).orElseThrow().name()).isEqualTo("david");
        membership = fixture.store().membership();

        fixture.given(seen(DAVE, "dv")); // his own word
        fixture.given(new Event.UserHeard(DAVE, "daveyboy", BOB, 99, List.of(), 80));
        assertThat(membership.user(DAVE).orElseThrow().name()).isEqualTo("dv");
        assertThat(membership.news(BOB, new KnownUser(DAVE, "daveyboy", 99, List.of()), 90)).isEmpty();
    }

    @Test
    void someoneForgottenStaysForgottenButWhatTheyChangedIsKept() {
        heard(CAROL, "carol", in(3));
        fixture.given(new Event.UserForgotten(CAROL, 70));
        heard(CAROL, "carol", out(5));
        assertThat(membership.isForgotten(CAROL)).isTrue();
        assertThat(names(membership.users())).containsExactly("bob", "me");
        fixture.given(seen(CAROL, "carol"));
        assertThat(membership.isMember(CAROL, DEV)).isFalse();
    }

    @Test
    void whenAnyoneLastHadALinkToAUserIsPassedOnAndIsNewsOnlyADayLater() {
        long day = Membership.SEEN_NEWS_MILLIS;
        fixture.given(new Event.UserHeard(CAROL, "carol", BOB, 10 * day, List.of(), 50));
        assertThat(membership.lastSeen(CAROL)).isEqualTo(10 * day);
        assertThat(membership.news(BOB, new KnownUser(CAROL, "carol", 10 * day + day / 2, List.of()), 60)).isEmpty();
        assertThat(membership.news(BOB, new KnownUser(CAROL, "carol", 12 * day, List.of()), 60)).isPresent();
        fixture.given(new Event.UserHeard(CAROL, "carol", BOB, 3 * day, List.of(), 70)); // older news changes nothing
        assertThat(membership.lastSeen(CAROL)).isEqualTo(10 * day);

        fixture.given(new Event.PeerConnected(CAROL, null, 20 * day));
        assertThat(membership.roster(100, 100, 25 * day)).filteredOn(u -> u.id().equals(CAROL))
                .extracting(KnownUser::seen).containsExactly(25 * day); // online: seen now
        fixture.given(new Event.PeerDisconnected(CAROL, "gone", 21 * day));
        assertThat(membership.roster(100, 100, 25 * day)).filteredOn(u -> u.id().equals(CAROL))
                .extracting(KnownUser::seen).containsExactly(21 * day);
        assertThat(fixture.restart().membership().lastSeen(CAROL)).isEqualTo(21 * day);
    }

    @Test
    void theRosterSaysEveryoneKnownWithTheirNewestStampsLeftGroupsIncluded() {
        fixture.given(sent(ME, 1, change("dev", Change.CREATE), Set.of(BOB), 1, 10));
        delivered(BOB, 4, Change.JOIN);
        delivered(BOB, 6, Change.LEAVE);
        heard(CAROL, "carol", in(3));
        delivered(DAVE, 2, Change.JOIN); // named by nobody yet
        fixture.given(new Event.UserForgotten(DAVE, 80));

        assertThat(membership.roster(100, 100, 1000)).containsExactly(
                new KnownUser(ME, "me", 1000, List.of(in(1))), // itself, online: seen now
                new KnownUser(BOB, "bob", 0, List.of(out(6))),
                new KnownUser(CAROL, "carol", 0, List.of(in(3))));
        assertThat(membership.roster(2, 100, 1000)).hasSize(2);
        fixture.given(sent(ME, 2, change("ops", Change.CREATE), Set.of(BOB), 2, 11));
        assertThat(membership.roster(100, 1, 1000).get(0).groups()).hasSize(1);
    }
}

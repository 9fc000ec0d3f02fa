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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.event.Payload.Change;

class MembershipTest {
    @TempDir
    Path dir;
    StoreFixture fixture;
    Membership membership;

    @BeforeEach
    void open() {
        fixture = new StoreFixture(dir);
        membership = fixture.store().membership();
        fixture.given(identity(ME, "me"), seen(BOB, "bob"), seen(CAROL, "carol"));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static final GroupName TEAM = new GroupName("team");

    /** A membership change from {@code from}, received and then delivered here. */
    private void deliveredChange(NodeId from, long seq, String group, Change c) {
        long at = fixture.given(received(from, seq, change(group, c), seq, 100 + seq));
        fixture.given(new Event.MessageDelivered(new MessageId(from, seq), 101 + seq));
    }

    private List<String> names(List<UserInfo> users) {
        return users.stream().map(UserInfo::name).collect(java.util.stream.Collectors.toList());
    }

    @Test
    void everyoneKnownIsInAllAndSelfIsOnline() {
        assertThat(names(membership.users())).containsExactly("bob", "carol", "me");
        assertThat(names(membership.members(GroupName.ALL))).containsExactly("bob", "carol", "me");
        assertThat(membership.user(ME).orElseThrow()).satisfies(u -> {
            assertThat(u.self()).isTrue();
            assertThat(u.online()).isTrue();
            assertThat(u.groups()).containsExactly(GroupName.ALL);
        });
        assertThat(membership.user(BOB).orElseThrow().online()).isFalse();
        assertThat(membership.groups()).extracting(GroupInfo::name).containsExactly(GroupName.ALL);
    }

    @Test
    void theLatestPeerSeenGivesTheNameAndAddress() {
        fixture.given(new Event.PeerSeen(BOB, "robert", "127.0.0.9:1", "pk2", 9));
        assertThat(membership.user(BOB).orElseThrow()).satisfies(u -> {
            assertThat(u.name()).isEqualTo("robert");
            assertThat(u.address()).isEqualTo("127.0.0.9:1");
            assertThat(u.publicKey()).isEqualTo("pk2");
        });
    }

    @Test
    void aGroupExistsOnceCreatedAndTheCreatorIsAMember() {
        fixture.given(sent(ME, 1, change("Team", Change.CREATE), Set.of(BOB, CAROL), 1, 10));
        assertThat(membership.exists(TEAM)).isTrue();
        assertThat(names(membership.members(TEAM))).containsExactly("me");
        assertThat(membership.user(ME).orElseThrow().groups()).containsExactly(GroupName.ALL, TEAM);
    }

    @Test
    void aReceivedChangeTakesEffectOnlyWhenDelivered() {
        long at = fixture.given(received(BOB, 1, change("team", Change.CREATE), 1, 50));
        assertThat(membership.exists(TEAM)).isFalse();
        fixture.given(new Event.MessageDelivered(new MessageId(BOB, 1), 51));
        assertThat(names(membership.members(TEAM))).containsExactly("bob");
    }

    @Test
    void concurrentCreatesOfOneNameAreOneGroupAndJoinsAndLeavesAreTheSendersOwn() {
        fixture.given(sent(ME, 1, change("team", Change.CREATE), Set.of(BOB, CAROL), 1, 10));
        deliveredChange(BOB, 1, "team", Change.CREATE);
        deliveredChange(CAROL, 1, "team", Change.JOIN);
        assertThat(membership.groups()).extracting(GroupInfo::name).containsExactly(GroupName.ALL, TEAM);
        assertThat(names(membership.members(TEAM))).containsExactly("bob", "carol", "me");

        deliveredChange(BOB, 2, "team", Change.LEAVE);
        fixture.given(sent(ME, 2, change("team", Change.LEAVE), Set.of(BOB, CAROL), 2, 11));
        assertThat(names(membership.members(TEAM))).containsExactly("carol");
        deliveredChange(BOB, 3, "team", Change.JOIN);
        assertThat(names(membership.members(TEAM))).containsExactly("bob", "carol");
        assertThat(membership.isMember(ME, TEAM)).isFalse();
    }

    @Test
    void nobodyLeavesAll() {
        fixture.given(sent(ME, 1, change("all", Change.LEAVE), Set.of(BOB), 1, 10));
        deliveredChange(BOB, 1, "all", Change.LEAVE);
        assertThat(names(membership.members(GroupName.ALL))).containsExactly("bob", "carol", "me");
    }

    @Test
    void anUnseenSenderOfAChangeIsKnownByItsShortId() {
        NodeId dave = new NodeId("dddddddd00000004");
        deliveredChange(dave, 1, "team", Change.CREATE);
        assertThat(membership.user(dave).orElseThrow().name()).isEqualTo("dddddddd");
        assertThat(membership.members(GroupName.ALL)).extracting(UserInfo::id).contains(dave);
    }

    @Test
    void presenceFollowsConnectionsAndIsNotRestoredByReplay() {
        fixture.given(new Event.PeerConnected(BOB, "127.0.0.2:7117", 5), new Event.PeerConnected(CAROL, null, 5));
        fixture.given(new Event.PeerDisconnected(CAROL, "gone", 6));
        assertThat(names(membership.onlineUsers())).containsExactly("bob", "me");

        Membership after = fixture.restart().membership();
        assertThat(names(after.onlineUsers())).containsExactly("me");
        assertThat(after.user(BOB).orElseThrow().address()).isEqualTo("127.0.0.2:7117");
    }

    @Test
    void findRanksExactThenPrefixThenSubstringCaseInsensitively() {
        NodeId[] ids = {new NodeId("0000000000000011"), new NodeId("0000000000000012"),
                new NodeId("0000000000000013"), new NodeId("0000000000000014")};
        fixture.given(seen(ids[0], "Xanna"), seen(ids[1], "Annabel"), seen(ids[2], "ANNA"), seen(ids[3], "anna"));
        assertThat(names(membership.findUsers("anna"))).containsExactly("ANNA", "anna", "Annabel", "Xanna");
        assertThat(membership.findUsers("zz")).isEmpty();

        fixture.given(sent(ME, 1, change("dev-ops", Change.CREATE), Set.of(), 0, 1),
                sent(ME, 2, change("ops", Change.CREATE), Set.of(), 0, 1),
                sent(ME, 3, change("opsroom", Change.CREATE), Set.of(), 0, 1));
        assertThat(membership.findGroups("OPS")).extracting(g -> g.name().value()).containsExactly("ops", "opsroom", "dev-ops");
        assertThat(membership.findGroups("a")).extracting(g -> g.name().value()).containsExactly("all");
    }

    @Test
    void aRenameTakesEffectWhenDeliveredAndKeepsTheFormerName() {
        long seq = 1;
        fixture.given(received(BOB, seq, new Payload.Rename("bobby"), seq, 100));
        assertThat(membership.user(BOB).orElseThrow().name()).isEqualTo("bob");
        fixture.given(new Event.MessageDelivered(new MessageId(BOB, seq), 101));
        assertThat(membership.user(BOB).orElseThrow().name()).isEqualTo("bobby");
        assertThat(membership.formerName(BOB)).contains("bob");
        assertThat(names(membership.findUsers("bobby"))).containsExactly("bobby");

        // This node's own, by the message it sends; both survive a restart.
        fixture.given(sent(ME, 1, new Payload.Rename("me2"), Set.of(BOB, CAROL), 1, 110));
        assertThat(membership.user(ME).orElseThrow().name()).isEqualTo("me2");
        Membership after = fixture.restart().membership();
        assertThat(after.user(ME).orElseThrow().name()).isEqualTo("me2");
        assertThat(after.user(BOB).orElseThrow().name()).isEqualTo("bobby");
        assertThat(after.formerName(ME)).contains("me");
    }

    @Test
    void aHandshakeNameChangeKeepsTheFormerNameAndTheRenameMessageAfterItChangesNothing() {
        fixture.given(seen(BOB, "bobby"));
        assertThat(membership.formerName(BOB)).contains("bob");
        deliveredRename(BOB, 1, "bobby");
        assertThat(membership.user(BOB).orElseThrow().name()).isEqualTo("bobby");
        assertThat(membership.formerName(BOB)).contains("bob");
        assertThat(membership.formerName(CAROL)).isEmpty();
    }

    @Test
    void aUserKnownOnlyByItsShortIdHasNoFormerName() {
        NodeId dave = new NodeId("dddddddd00000004");
        deliveredRename(dave, 1, "dave");
        assertThat(membership.user(dave).orElseThrow().name()).isEqualTo("dave");
        assertThat(membership.formerName(dave)).isEmpty();
    }

    private void deliveredRename(NodeId from, long seq, String name) {
        fixture.given(received(from, seq, new Payload.Rename(name), seq, 100 + seq));
        fixture.given(new Event.MessageDelivered(new MessageId(from, seq), 101 + seq));
    }

    @Test
    void membershipComesBackAfterRestart() {
        fixture.given(sent(ME, 1, change("team", Change.CREATE), Set.of(BOB), 1, 10));
        deliveredChange(BOB, 1, "team", Change.JOIN);
        List<GroupInfo> before = membership.groups();
        assertThat(fixture.restart().membership().groups()).isEqualTo(before);
    }

    @Test
    void aForgottenUserIsInNoListNorGroupButStillNamedUntilSeenAgainAcrossARestart() {
        fixture.given(sent(ME, 1, change("team", Change.CREATE), Set.of(BOB, CAROL), 1, 10));
        deliveredChange(BOB, 1, "team", Change.JOIN);
        fixture.given(new Event.UserForgotten(BOB, 20));

        for (Membership m : List.of(membership, fixture.restart().membership())) {
            assertThat(names(m.users())).containsExactly("carol", "me");
            assertThat(names(m.members(GroupName.ALL))).containsExactly("carol", "me");
            assertThat(names(m.members(TEAM))).containsExactly("me");
            assertThat(m.isMember(BOB, GroupName.ALL)).isFalse();
            assertThat(m.isMember(BOB, TEAM)).isFalse();
            assertThat(m.findUsers("bob")).isEmpty();
            assertThat(m.user(BOB).orElseThrow().name()).isEqualTo("bob");
            assertThat(m.isForgotten(BOB)).isTrue();
            assertThat(names(m.forgottenUsers())).containsExactly("bob");
        }
        membership = fixture.store().membership();

        // What bob changes meanwhile is kept, and shows once he is back.
        deliveredRename(BOB, 2, "bobby");
        assertThat(names(membership.users())).containsExactly("carol", "me");
        fixture.given(seen(BOB, "bobby"));
        assertThat(membership.isForgotten(BOB)).isFalse();
        assertThat(names(membership.members(TEAM))).containsExactly("bobby", "me");
        assertThat(names(fixture.restart().membership().users())).containsExactly("bobby", "carol", "me");
    }

    @Test
    void aForgottenUserWhoConnectsIsKnownAgainAndNobodyForgetsThisNodeItself() {
        fixture.given(new Event.UserForgotten(CAROL, 20), new Event.UserForgotten(ME, 21),
                new Event.UserForgotten(new NodeId("00000000000000ff"), 22));
        assertThat(names(membership.users())).containsExactly("bob", "me");
        assertThat(membership.user(new NodeId("00000000000000ff"))).isEmpty();

        fixture.given(new Event.PeerConnected(CAROL, null, 30));
        assertThat(names(membership.onlineUsers())).containsExactly("carol", "me");
        assertThat(membership.forgottenUsers()).isEmpty();

        // Connected (at 30) between the node's check (at 29, the forget's time) and the entry:
        // someone online is not gone, live or replayed.
        fixture.given(new Event.UserForgotten(CAROL, 29));
        assertThat(membership.isForgotten(CAROL)).isFalse();
        assertThat(fixture.restart().membership().isForgotten(CAROL)).isFalse();
    }

    @Test
    void aForgetOfSomeoneLinkedWhenAnEarlierRunEndedHoldsAcrossRestarts() {
        // Linked when that run stopped: no disconnection is logged at a stop (presence is not durable).
        fixture.given(new Event.PeerConnected(CAROL, null, 10));
        Membership restarted = fixture.restart().membership();
        assertThat(names(restarted.onlineUsers())).containsExactly("me");
        fixture.given(new Event.UserForgotten(CAROL, 20));
        assertThat(fixture.store().membership().isForgotten(CAROL)).isTrue();
        assertThat(fixture.restart().membership().isForgotten(CAROL)).isTrue();
        assertThat(fixture.restart().membership().isForgotten(CAROL)).isTrue();
    }
}

package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import peerchat.engine.api.Conversation;
import peerchat.store.event.GroupName;
import peerchat.store.event.NodeId;

class DirectoryTest {
    static final NodeId ME = new NodeId("0000000000000000000000000000000a");
    static final NodeId BOB = new NodeId("0000000000000000000000000000000b");
    static final NodeId ALICE1 = new NodeId("1111111100000000000000000000000c");
    static final NodeId ALICE2 = new NodeId("2222222200000000000000000000000d");
    static final NodeId DEV_USER = new NodeId("0000000000000000000000000000000e");

    static Directory directory() {
        return new Directory(List.of(
                new Directory.User(ME, "me", "127.0.0.1:7117", true, true),
                new Directory.User(BOB, "Bob", "127.0.0.2:7117", true, false),
                new Directory.User(ALICE1, "alice", "10.0.0.4:7117", true, false),
                new Directory.User(ALICE2, "alice", "10.0.0.5:7117", false, false),
                new Directory.User(DEV_USER, "dev", "127.0.0.9:7117", false, false)),
                Map.of(new GroupName("dev"), Set.of(ME, BOB), new GroupName("ops"), Set.of(BOB), new GroupName("empty"), Set.of()));
    }

    @Test
    void usersOfTheSameNameAreToldApartByAddress() {
        Directory d = directory();
        assertThat(d.label(ALICE1)).isEqualTo("alice@10.0.0.4");
        assertThat(d.label(ALICE2)).isEqualTo("alice@10.0.0.5");
        assertThat(d.label(BOB)).isEqualTo("Bob");
    }

    @Test
    void anActionsSlashMeDoesNotNameAUserCalledMe() {
        Directory d = directory();
        assertThat(d.mentionsSelf("/me waves")).isFalse();
        assertThat(d.mentionsSelf("/me waves at me")).isTrue();
        assertThat(d.mentionsSelf("me, look")).isTrue();
    }

    @Test
    void sameNameOnTheSameHostFallsBackToTheShortId() {
        Directory d = new Directory(List.of(
                new Directory.User(ALICE1, "alice", "127.0.0.1:1", true, false),
                new Directory.User(ALICE2, "alice", "127.0.0.1:2", true, false)), Map.of());
        assertThat(d.label(ALICE1)).isEqualTo("alice#11111111");
        assertThat(d.label(ALICE2)).isEqualTo("alice#22222222");
    }

    @Test
    void whatCannotBeSeenInANameDoesNotCountAndANameIsShownAsOneWord() throws Exception {
        Directory d = new Directory(List.of(
                new Directory.User(ALICE1, "alice", "127.0.0.4:7117", true, false),
                new Directory.User(ALICE2, "alice\u200B", "127.0.0.5:7117", true, false), // a zero-width space
                new Directory.User(BOB, "\u202Eecila", "127.0.0.2:7117", true, false), // a right-to-left override
                new Directory.User(DEV_USER, "ops team\nme: hi", "127.0.0.9:7117", true, false)), Map.of());
        assertThat(d.label(ALICE1)).isEqualTo("alice@127.0.0.4");
        assertThat(d.label(ALICE2)).as("told apart from the alice it looks like").isEqualTo("alice@127.0.0.5");
        assertThat(d.label(BOB)).isEqualTo("ecila");
        assertThat(d.label(DEV_USER)).isEqualTo("ops_team_me:_hi");
        assertThatThrownBy(() -> d.resolve("@alice")).hasMessageContaining("@alice@127.0.0.4 or @alice@127.0.0.5");
        assertThat(d.resolve("@alice@127.0.0.5")).isEqualTo(new Conversation.Direct(ALICE2));
        assertThat(d.resolve("@ops_team_me:_hi")).isEqualTo(new Conversation.Direct(DEV_USER));
    }

    @Test
    void namesThatReadTheSameAreOneNameAndNoNameLooksLikeAGroupOrACommand() {
        Directory d = new Directory(List.of(
                new Directory.User(ALICE1, "alice", "127.0.0.4:7117", true, false),
                new Directory.User(ALICE2, "\uFF21lice", "127.0.0.4:7118", true, false), // fullwidth A, same host
                new Directory.User(BOB, "#all", "127.0.0.2:7117", true, false),
                new Directory.User(DEV_USER, "\u200B\u2066", "127.0.0.9:7117", true, false),
                new Directory.User(ME, "x".repeat(40), "127.0.0.1:7117", true, true)), Map.of());
        assertThat(d.label(ALICE1)).isEqualTo("alice#11111111");
        assertThat(d.label(ALICE2)).isEqualTo("\uFF21lice#22222222");
        assertThat(d.label(BOB)).isEqualTo("_all");
        assertThat(d.label(DEV_USER)).as("nothing visible: the id says who").isEqualTo("_#00000000");
        assertThat(d.label(ME)).isEqualTo("x".repeat(ShownName.MAX));
    }

    @Test
    void aNameInLettersOfAnotherScriptThatLookLatinIsToldApartFromTheOneItImitates() throws Exception {
        Directory d = new Directory(List.of(
                new Directory.User(ALICE1, "alice", "127.0.0.4:7117", true, false),
                new Directory.User(ALICE2, "\u0430lice", "127.0.0.5:7117", true, false), // Cyrillic а
                new Directory.User(BOB, "bob", "127.0.0.2:7117", true, false)), Map.of());
        assertThat(d.label(ALICE1)).isEqualTo("alice@127.0.0.4");
        assertThat(d.label(ALICE2)).isEqualTo("\u0430lice@127.0.0.5");
        assertThat(d.label(BOB)).isEqualTo("bob");
        assertThatThrownBy(() -> d.resolve("@alice")).hasMessageContaining("@alice@127.0.0.4 or @\u0430lice@127.0.0.5");
        assertThat(d.resolve("@alice@127.0.0.4")).isEqualTo(new Conversation.Direct(ALICE1));
    }

    @Test
    void targetsResolve() throws Exception {
        Directory d = directory();
        assertThat(d.resolve("#dev")).isEqualTo(new Conversation.Group(new GroupName("dev")));
        assertThat(d.resolve("@bob")).isEqualTo(new Conversation.Direct(BOB));
        assertThat(d.resolve("@alice@10.0.0.5")).isEqualTo(new Conversation.Direct(ALICE2));
        assertThat(d.resolve("bob")).isEqualTo(new Conversation.Direct(BOB));
        assertThat(d.resolve("ops")).isEqualTo(new Conversation.Group(new GroupName("ops")));
        assertThat(d.resolve("@ops")).as("@group works when no user has that name").isEqualTo(new Conversation.Group(new GroupName("ops")));
        assertThat(d.resolve("#ALL")).isEqualTo(Conversation.all());
        assertThat(d.resolve("@22222222")).as("an id prefix").isEqualTo(new Conversation.Direct(ALICE2));
        assertThat(d.resolve(new Conversation.Direct(ALICE2).key())).as("a conversation's key, as --json gives it")
                .isEqualTo(new Conversation.Direct(ALICE2));
        assertThat(d.resolve("#empty")).as("a group everyone left still exists").isEqualTo(new Conversation.Group(new GroupName("empty")));
    }

    @Test
    void ambiguityIsAnErrorThatSaysWhatToWrite() {
        Directory d = directory();
        assertThatThrownBy(() -> d.resolve("@alice")).hasMessageContaining("@alice@10.0.0.4 or @alice@10.0.0.5");
        assertThat(catchResolve(d, "@dev")).as("@ means the user when one has that name").isEqualTo(new Conversation.Direct(DEV_USER));
        assertThat(catchResolve(d, "dev")).as("a bare name means the group").isEqualTo(new Conversation.Group(new GroupName("dev")));
        assertThatThrownBy(() -> d.resolve("@nobody")).hasMessageContaining("no user or group called nobody");
        assertThatThrownBy(() -> d.resolve("#nogroup")).hasMessageContaining("no group #nogroup");
        assertThatThrownBy(() -> d.resolve("#bad name!")).hasMessageContaining("not a group name");
    }

    @Test
    void theNameSomeoneWentByBeforeSaysWhoTheyAreNow() {
        Directory d = new Directory(List.of(
                new Directory.User(ME, "me", "127.0.0.1:7117", true, true),
                new Directory.User(BOB, "bobby", "127.0.0.2:7117", true, false, "bob"),
                new Directory.User(ALICE1, "alicia", "10.0.0.4:7117", true, false, "Bob")), Map.of());
        assertThatThrownBy(() -> d.resolve("@bob")).hasMessage("no user or group called bob (bob is now known as @alicia or @bobby)");
        assertThatThrownBy(() -> d.resolve("@carol")).hasMessage("no user or group called carol");
        assertThat(catchResolve(d, "@bobby")).isEqualTo(new Conversation.Direct(BOB));
    }

    @Test
    void aForgottenUserIsNamedInTheHistoryButFoundNowhereAndGivesTheirNameBack() {
        NodeId oldBob = new NodeId("b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0");
        Directory d = new Directory(List.of(
                new Directory.User(ME, "me", "127.0.0.1:7117", true, true),
                new Directory.User(BOB, "bob", "127.0.0.2:7117", true, false)), Map.of(), Set.of(),
                List.of(new Directory.User(oldBob, "bob", "127.0.0.2:7117", false, false),
                        new Directory.User(ALICE1, "alice", null, false, false)));
        assertThat(d.label(BOB)).as("no bob#b0b0b0b0 beside them any more").isEqualTo("bob");
        assertThat(d.label(oldBob)).as("but the old one's lines do not read as theirs").isEqualTo("bob#b0b0b0b0");
        assertThat(d.label(ALICE1)).isEqualTo("alice");
        assertThat(catchResolve(d, "@bob")).isEqualTo(new Conversation.Direct(BOB));
        assertThatThrownBy(() -> d.resolve("@alice"))
                .hasMessage("no user or group called alice (you forgot alice with -forget: they are known again when they connect)");
        assertThatThrownBy(() -> d.resolve("@" + ALICE1.value().substring(0, 8))).hasMessageStartingWith("no user or group called");
        assertThat(d.userViews()).extracting(u -> u.label()).containsExactly("bob", "me");
        assertThat(d.members(GroupName.ALL)).containsExactlyInAnyOrder(ME, BOB);
        assertThat(d.forgotten()).containsExactly("alice", "bob#b0b0b0b0");
    }

    @Test
    void anotherOfThisUsersOwnNameIsTheOneMeantAndOnlyOthersMakeANameAmbiguous() throws Exception {
        NodeId third = new NodeId("3333333300000000000000000000000e");
        Directory two = new Directory(List.of(
                new Directory.User(ALICE1, "alice", "127.0.0.21:7117", true, true),
                new Directory.User(ALICE2, "alice", "127.0.0.23:7117", true, false)), Map.of());
        assertThat(two.resolve("@alice")).isEqualTo(new Conversation.Direct(ALICE2));
        Directory three = new Directory(List.of(
                new Directory.User(ALICE1, "alice", "127.0.0.21:7117", true, true),
                new Directory.User(ALICE2, "alice", "127.0.0.23:7117", true, false),
                new Directory.User(third, "alice", "127.0.0.24:7117", true, false)), Map.of());
        assertThatThrownBy(() -> three.resolve("@alice")).hasMessage("@alice is ambiguous: write @alice@127.0.0.23 or @alice@127.0.0.24");
    }

    @Test
    void aForgottenUserOfThisUsersOwnNameIsToldApartFromThem() {
        Directory d = new Directory(List.of(new Directory.User(ALICE1, "alice", "127.0.0.21:7117", true, true)), Map.of(), Set.of(),
                List.of(new Directory.User(ALICE2, "Alice", "127.0.0.23:7117", false, false)));
        assertThat(d.label(ALICE1)).isEqualTo("alice");
        assertThat(d.label(ALICE2)).isEqualTo("Alice#22222222");
    }

    @Test
    void whatSomeoneWasShownAsBeforeARenameIsTheirLabelThenNotTheBareName() {
        // bob took the name alice (then alice@127.0.0.22 beside alice@127.0.0.21), then bobby.
        Directory d = new Directory(List.of(
                new Directory.User(ALICE1, "alice", "127.0.0.21:7117", true, true),
                new Directory.User(BOB, "bobby", "127.0.0.22:7117", true, false, "alice")), Map.of());
        assertThat(d.labelUnder(BOB, "alice")).isEqualTo("alice@127.0.0.22");
        assertThat(d.labelUnder(BOB, "bob")).isEqualTo("bob");
    }

    private static Conversation catchResolve(Directory d, String w) {
        try {
            return d.resolve(w);
        } catch (Directory.Unresolved e) {
            throw new AssertionError(e.getMessage());
        }
    }

    @Test
    void everyoneIsInAllAndViewsAreSorted() {
        Directory d = directory();
        assertThat(d.members(GroupName.ALL)).containsExactlyInAnyOrder(ME, BOB, ALICE1, ALICE2, DEV_USER);
        assertThat(d.groupViews()).extracting(g -> g.name()).containsExactly("all", "dev", "empty", "ops");
        assertThat(d.groupView(new GroupName("dev")).members()).containsExactly("Bob", "me");
        assertThat(d.userViews()).extracting(u -> u.label()).containsExactly("alice@10.0.0.4", "alice@10.0.0.5", "Bob", "dev", "me");
        assertThat(d.view(d.user(BOB).orElseThrow()).groups()).containsExactly("all", "dev", "ops");
    }
}

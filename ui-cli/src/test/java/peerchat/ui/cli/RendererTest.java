package peerchat.ui.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Commands;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.GroupView;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.NodeInfo;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;
import peerchat.ui.testing.FakeNode;

class RendererTest {
    /** 2023-11-14 22:13:20 UTC. */
    private static final long NOW = 1_700_000_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    private final Renderer plain = new Renderer(Palette.plain(), CLOCK, ZoneOffset.UTC);
    private final Renderer colour = new Renderer(Palette.colour(), CLOCK, ZoneOffset.UTC);
    private final UserView alice = new UserView(FakeNode.SELF, "alice", "alice", "127.0.0.1:7117", true, true, List.of("all", "games"));
    private final UserView bob = new UserView(FakeNode.BOB, "bob", "bob", "127.0.0.2:7117", false, false, List.of("all"));

    private static MessageView message(String from, String to, String text, long ts, boolean own, boolean late) {
        return new MessageView(FakeNode.BOB.value() + "-1", FakeNode.BOB, from, to, FakeNode.TALK, text, ts, ts, own, late, false, 1);
    }

    private static List<String> text(List<AttributedString> lines) {
        return lines.stream().map(AttributedString::toString).collect(Collectors.toList());
    }

    @Test
    void whatWasMissedSaysMoreMayComeFromThoseNotConnectedYet() {
        Map<String, Integer> where = new java.util.LinkedHashMap<>(Map.of("#all", 1));
        assertThat(text(plain.missed(1, false, where, 1, List.of("bob", "carol")))).containsExactly(
                "-- 1 new message since you were last here: #all 1 --",
                "-- more may come as the others connect (bob, carol): what they kept for you --");
        assertThat(text(plain.missed(1, false, where, 1, List.of("a", "b", "c", "d", "e")))).last().asString()
                .isEqualTo("-- more may come as the others connect (a, b, c and 2 more): what they kept for you --");
        assertThat(text(plain.missed(1, false, where, 1, List.of()))).hasSize(1);
    }

    @Test
    void aMessageLineHasTimeTargetSenderAndText() {
        assertThat(plain.message(message("bob", "#all", "hello", NOW - 60_000, false, false)).toString())
                .isEqualTo("22:12 #all bob: hello");
        assertThat(plain.message(message("bob", "@alice", "psst", NOW, false, false)).toString())
                .isEqualTo("22:13 @alice bob: psst");
    }

    @Test
    void anActionIsTheSendersNameAndWhatTheyDo() {
        assertThat(plain.message(message("bob", "#all", "/me waves\nat everyone", NOW, false, false)).toString())
                .isEqualTo("22:13 #all * bob waves\n" + " ".repeat(17) + "at everyone");
        assertThat(plain.message(message("bob", "#all", "/me ", NOW, false, false)).toString())
                .as("nothing done: the text as written").isEqualTo("22:13 #all bob: /me ");
        assertThat(plain.message(message("bob", "#all", "/meh", NOW, false, false)).toString()).isEqualTo("22:13 #all bob: /meh");
    }

    @Test
    void aMessageOfSeveralLinesIsIndentedUnderItsFirstSoNoLineFakesAnotherMessage() {
        MessageView m = message("bob", "#all", "look:\n22:13 #all alice: I agree\r\n\n  at x.y(Z.java:1)\u001b[2J", NOW, false, true);
        assertThat(plain.message(m).toString()).isEqualTo(String.join("\n",
                "22:13 #all bob: look:",
                "                22:13 #all alice: I agree",
                "                ",
                "                  at x.y(Z.java:1)?[2J [late]"));
        assertThat(colour.message(m).toString()).isEqualTo(plain.message(m).toString());
        String longName = "b".repeat(32);
        assertThat(plain.message(message(longName, "#all", "one\ntwo", NOW, false, false)).toString())
                .as("indented no further than 24 columns").isEqualTo("22:13 #all " + longName + ": one\n" + " ".repeat(24) + "two");
    }

    @Test
    void aMessageThatNamesTheUserStandsOutAndRingsAsADirectOneDoes() {
        MessageView mention = new MessageView(FakeNode.BOB.value() + "-2", FakeNode.BOB, "bob", "#all", FakeNode.TALK,
                "alice, look\nhere", NOW, NOW, false, false, true, 2);
        MessageView plainOne = message("bob", "#all", "alice, look\nhere", NOW, false, false);
        assertThat(plain.message(mention).toString()).as("the same words").isEqualTo(plain.message(plainOne).toString());
        assertThat(colour.message(mention).toAnsi()).isNotEqualTo(colour.message(plainOne).toAnsi()).contains("\u001b[33;1mbob");
        assertThat(plain.message(mention).toAnsi()).doesNotContain("\u001b[");

        MessageView direct = new MessageView(FakeNode.BOB.value() + "-3", FakeNode.BOB, "bob", "@alice",
                new Conversation.Direct(FakeNode.BOB), "psst", NOW, NOW, false, false, false, 3);
        MessageView ownDirect = new MessageView(FakeNode.SELF.value() + "-1", FakeNode.SELF, "alice", "@bob",
                new Conversation.Direct(FakeNode.BOB), "psst", NOW, NOW, true, false, false, 4);
        assertThat(plain.rings(new ChatEvent.Message(mention), NOW)).isTrue();
        assertThat(plain.rings(new ChatEvent.Message(direct), NOW)).isTrue();
        assertThat(plain.rings(new ChatEvent.Message(mention), NOW + 1)).as("shown at start, not news").isFalse();
        assertThat(plain.rings(new ChatEvent.Message(plainOne), NOW)).isFalse();
        assertThat(plain.rings(new ChatEvent.Message(ownDirect), NOW)).isFalse();
        assertThat(plain.rings(new ChatEvent.Joined("games", "bob"), NOW)).isFalse();
    }

    @Test
    void theTimeIsInTheUsersZoneWithTheDateWhenNotToday() {
        Renderer paris = new Renderer(Palette.plain(), CLOCK, ZoneId.of("Europe/Paris"));
        assertThat(paris.message(message("bob", "#all", "late night", NOW, false, false)).toString())
                .startsWith("23:13 ");
        assertThat(plain.message(message("bob", "#all", "old", NOW - 3 * 86_400_000L, false, false)).toString())
                .startsWith("2023-11-11 22:13 ");
    }

    @Test
    void aMessageCausalOrderHeldBackIsMarkedLate() {
        assertThat(plain.message(message("bob", "#all", "yes!", NOW, false, true)).toString()).endsWith("bob: yes! [late]");
        assertThat(plain.message(message("bob", "#all", "yes!", NOW, false, false)).toString()).doesNotContain("[late]");
    }

    @Test
    void colourOnlyWhenAskedFor() {
        MessageView m = message("bob", "#all", "hi", NOW, false, true);
        assertThat(plain.message(m).toAnsi()).doesNotContain("\u001b[");
        assertThat(colour.message(m).toAnsi()).contains("\u001b[").contains("bob");
        assertThat(colour.message(m).toString()).isEqualTo(plain.message(m).toString());
        assertThat(plain.reply(new Reply.Error("x", "nope")).get(0).toAnsi()).doesNotContain("\u001b[");
        assertThat(colour.reply(new Reply.Error("x", "nope")).get(0).toAnsi()).contains("\u001b[");
    }

    @Test
    void membershipAndPresenceEvents() {
        assertThat(plain.event(new ChatEvent.Joined("games", "bob")).toString()).isEqualTo("22:13 -- bob joined #games");
        assertThat(plain.event(new ChatEvent.Left("games", "bob")).toString()).isEqualTo("22:13 -- bob left #games");
        assertThat(plain.event(new ChatEvent.GroupCreated("games", "alice")).toString()).isEqualTo("22:13 -- alice created #games");
        assertThat(plain.event(new ChatEvent.PeerUp(bob)).toString()).isEqualTo("22:13 -- bob is online (127.0.0.2:7117)");
        assertThat(plain.event(new ChatEvent.PeerDown(bob, "link closed")).toString()).isEqualTo("22:13 -- bob went offline (link closed)");
        assertThat(plain.event(new ChatEvent.Opened(FakeNode.TALK, "@bob")).toString()).isEqualTo("22:13 -- now talking in @bob");
        assertThat(plain.event(new ChatEvent.HeldBack(3, "3 messages held back, each until what it follows has arrived:\n  bob: 1 message, waiting A\n  cyd: 2 messages, waiting B"))
                .toString()).isEqualTo("22:13 -- 3 messages held back, each until what it follows has arrived: bob: 1 message, waiting A; cyd: 2 messages, waiting B");
        assertThat(plain.event(new ChatEvent.Released("the messages held back have all arrived: nothing is held back any more")).toString())
                .isEqualTo("22:13 -- the messages held back have all arrived: nothing is held back any more");
        assertThat(plain.event(new ChatEvent.Warning("another node uses this node's identity")).toString())
                .isEqualTo("22:13 -- warning: another node uses this node's identity");
    }

    private static ChatEvent.Renamed renamed(UserView now, String was, long ts, long cursor) {
        return new ChatEvent.Renamed(now, was, now.id().value() + "-" + cursor, ts, cursor);
    }

    private static MessageView message(String from, String text, long ts, long cursor) {
        return new MessageView(FakeNode.BOB.value() + "-" + cursor, FakeNode.BOB, from, "#all", FakeNode.TALK, text, ts, ts, false,
                false, false, cursor);
    }

    @Test
    void aNewNameIsSaidAsIrssiSaysANickChange() {
        UserView bobby = new UserView(bob.id(), "bobby", "bobby", bob.address(), true, false, bob.groups());
        assertThat(plain.event(renamed(bobby, "bob", NOW, 3)).toString()).isEqualTo("22:13 -- bob is now known as bobby");
        UserView alice2 = new UserView(alice.id(), "alice2", "alice2", alice.address(), true, true, alice.groups());
        assertThat(plain.event(renamed(alice2, "alice", NOW, 3)).toString()).isEqualTo("22:13 -- you are now known as alice2");
        assertThat(colour.event(renamed(alice2, "alice", NOW, 3)).toAnsi()).as("in the colour of the user's own name")
                .contains("\u001b[32;1malice2");
        UserView sly = new UserView(bob.id(), "bob\u001b[2J", "bob\u001b[2J", bob.address(), true, false, bob.groups());
        assertThat(plain.event(renamed(sly, "b\nob", NOW, 3)).toString()).as("names from peers are cleaned")
                .isEqualTo("22:13 -- b ob is now known as bob?[2J");
        assertThat(plain.reply(new Reply.Done("nick", "you are now known as alice2"))).as("the event says it, once").isEmpty();
        assertThat(plain.event(renamed(bobby, "bob", NOW - 86_400_000L, 3)).toString()).as("at the time it was taken")
                .isEqualTo("2023-11-13 22:13 -- bob is now known as bobby");
    }

    @Test
    void aHistoryHasTheRenamesAmongTheLinesAndEachLineUnderTheNameOfItsTime() {
        UserView bobby = new UserView(bob.id(), "bobby", "bobby", bob.address(), true, false, bob.groups());
        UserView robert = new UserView(bob.id(), "robert", "robert", bob.address(), true, false, bob.groups());
        List<MessageView> lines = List.of(message("bob", "away", NOW - 300_000, 1), message("bobby", "as bobby", NOW - 180_000, 3),
                message("robert", "as robert", NOW - 60_000, 5));
        List<ChatEvent.Renamed> renames = List.of(renamed(bobby, "bob", NOW - 240_000, 2), renamed(robert, "bobby", NOW - 120_000, 5));
        assertThat(text(plain.reply(new Reply.Messages("history", "#all", lines, renames)))).containsExactly(
                "-- #all, last 3 --",
                "22:08 #all bob: away",
                "22:09 -- bob is now known as bobby",
                "22:10 #all bobby: as bobby",
                "22:11 -- bobby is now known as robert",
                "22:12 #all robert: as robert");
        assertThat(text(plain.reply(new Reply.Messages("since", "after 0", lines.subList(0, 1), renames)))).as("after the last line too")
                .containsExactly("-- 1 message after 0 --", "22:08 #all bob: away", "22:09 -- bob is now known as bobby",
                        "22:11 -- bobby is now known as robert");
    }

    @Test
    void anErrorIsOneLineWhateverItsText() {
        assertThat(text(plain.reply(new Reply.Error("", "two\nlines")))).containsExactly("error: two lines");
    }

    @Test
    void noAnswerInTimeIsNoErrorAndALateAnswerSaysWhichLineItAnswers() {
        assertThat(plain.noAnswer(java.time.Duration.ofSeconds(60)).toString())
                .isEqualTo("no answer from the node in 60 s: it may still have been done; -history shows what was sent");
        assertThat(plain.lateAnswer("-lg").toString()).isEqualTo("-- the late answer to: -lg --");
        assertThat(plain.lateAnswer("a long message, far longer than the forty characters shown\nand a second line").toString())
                .isEqualTo("-- the late answer to: a long message, far longer than the fort... --");
    }

    @Test
    void usersGroupsAndMembersAreTables() {
        assertThat(text(plain.reply(new Reply.Users("listusers", List.of(alice, bob))))).containsExactly(
                "  alice  127.0.0.1:7117         online   #all #games  (you)",
                "  bob    127.0.0.2:7117         offline  #all");
        UserView ignored = new UserView(bob.id(), bob.name(), bob.label(), bob.address(), true, false, bob.groups(), true);
        assertThat(text(plain.reply(new Reply.Users("listusers", List.of(ignored))))).containsExactly(
                "  bob  127.0.0.2:7117         online   #all  (ignored)");
        assertThat(text(plain.reply(new Reply.Groups("listgroups", List.of(new GroupView("all", List.of("alice", "bob")))))))
                .containsExactly("  #all (2): alice, bob");
        assertThat(text(plain.reply(new Reply.Members("members", "games", List.of(alice))))).containsExactly(
                "#games (1 member)", "  alice  127.0.0.1:7117         online   #all #games  (you)");
    }

    @Test
    void tablesLineUpByDisplayColumnsWithWideNames() {
        UserView wei = new UserView(FakeNode.BEATRICE, "张伟", "张伟", "127.0.0.3:7117", true, false, List.of("all"));
        List<String> users = text(plain.reply(new Reply.Users("listusers", List.of(alice, wei, bob))));
        assertThat(users).containsExactly(
                "  alice  127.0.0.1:7117         online   #all #games  (you)",
                "  张伟   127.0.0.3:7117         online   #all",
                "  bob    127.0.0.2:7117         offline  #all");
        UserView ming = new UserView(FakeNode.BEATRICE, "李明明明", "李明明明", "127.0.0.3:7117", true, false, List.of("all"));
        assertThat(text(plain.reply(new Reply.Members("members", "all", List.of(ming, bob))))).containsExactly(
                "#all (2 members)",
                "  李明明明  127.0.0.3:7117         online   #all",
                "  bob       127.0.0.2:7117         offline  #all");
    }

    @Test
    void historyHasAHeaderAndTheMessagesOldestFirst() {
        List<String> lines = text(plain.reply(new Reply.Messages("history", "#all", List.of(
                message("bob", "#all", "first", NOW - 2000, false, false),
                message("alice", "#all", "second", NOW - 1000, true, false)))));
        assertThat(lines).containsExactly("-- #all, last 2 --", "22:13 #all bob: first", "22:13 #all alice: second");
        assertThat(text(plain.reply(new Reply.Messages("history", "#games", List.of())))).containsExactly("-- no messages in #games --");
    }

    @Test
    void morePagesBackAndSaysSo() {
        List<String> lines = text(plain.reply(new Reply.Messages("more", "#pg", List.of(
                message("bob", "#pg", "older", NOW - 2000, false, false)))));
        assertThat(lines).containsExactly("-- #pg, 1 earlier --", "22:13 #pg bob: older");
        assertThat(text(plain.reply(new Reply.Messages("more", "#pg", List.of())))).containsExactly("-- no earlier messages in #pg --");
    }

    @Test
    void sinceSaysHowManyCameAfterTheSeqEveryConversation() {
        List<String> lines = text(plain.reply(new Reply.Messages("since", "after 41", List.of(
                message("bob", "#all", "first", NOW - 2000, false, false),
                message("bob", "@alice", "second", NOW - 1000, false, false)))));
        assertThat(lines).containsExactly("-- 2 messages after 41 --", "22:13 #all bob: first", "22:13 @alice bob: second");
        assertThat(text(plain.reply(new Reply.Messages("since", "after 43", List.of())))).containsExactly("-- no messages after 43 --");
        assertThat(text(plain.reply(new Reply.Messages("search", "matching \"x\" in #dev", List.of()))))
                .containsExactly("-- no messages matching \"x\" in #dev --");
        assertThat(text(plain.reply(new Reply.Messages("search", "matching \"first\"", List.of(
                message("bob", "#all", "first", NOW - 2000, false, false))))))
                .containsExactly("-- 1 message matching \"first\" --", "22:13 #all bob: first");
    }

    @Test
    void aSentMessageIsLeftToTheEventStreamAndHelpIsPrintedLineByLine() {
        assertThat(plain.reply(new Reply.Sent("send", message("alice", "#all", "x", NOW, true, false)))).isEmpty();
        assertThat(text(plain.reply(new Reply.Sent("send", message("alice", "@bob", "x", NOW, true, false), "bob is offline: bob gets it when back"))))
                .containsExactly("-- bob is offline: bob gets it when back");
        assertThat(plain.reply(new Reply.Quit("quit"))).isEmpty();
        assertThat(text(plain.reply(new Reply.Done("help", "Messages:\n  -h  help\n")))).containsExactly("Messages:", "  -h  help");
    }

    @Test
    void helpColumnsAreTwoSpacesApartEvenForTheLongestCommand() {
        List<String> help = text(plain.reply(new Reply.Done("help", Commands.helpText())));
        String delay = help.stream().filter(l -> l.startsWith("  -delay ")).findFirst().orElseThrow();
        assertThat(delay).startsWith("  -delay /delay <seconds> <message line>  ");
        // every description starts in one column, after a gap of two spaces at least
        int column = delay.indexOf("send now");
        for (String l : help) {
            if (l.startsWith("  ")) {
                assertThat(l.substring(column - 2, column)).as(l).isEqualTo("  ");
                assertThat(l.charAt(column)).as(l).isNotEqualTo(' ');
            } else {
                assertThat(l).endsWith(":");
            }
        }
        assertThat(help).contains("Messages:", "Session:");
        assertThat(help.stream().filter(l -> l.startsWith("  @user <text>")).findFirst().orElseThrow())
                .endsWith("  direct message");
    }

    @Test
    void commandsAreEchoedAndMessagesAreNot() {
        assertThat(plain.echo("  -lu ").map(AttributedString::toString)).contains("> -lu");
        assertThat(plain.echo("/join games").map(AttributedString::toString)).contains("> /join games");
        assertThat(plain.echo("hello -lu")).isEmpty();
        assertThat(plain.echo("@bob hi")).isEmpty();
    }

    @Test
    void bannerAndPrompt() {
        NodeInfo self = new NodeInfo(FakeNode.SELF, "alice", "10.0.0.4:7117");
        UserView carol = new UserView(FakeNode.BEATRICE, "carol", "carol", "10.0.0.5:7117", true, false, List.of("all"));
        assertThat(plain.banner("1.0", self, List.of(alice, bob, carol)).toString())
                .isEqualTo("peerchat 1.0 | alice (a1a1a1a1) on 10.0.0.4:7117 | 1 online: carol | -h: help");
        assertThat(plain.banner("1.0", self, List.of(alice)).toString()).contains("no peers yet");
        assertThat(plain.prompt(self, "#games").toString()).isEqualTo("alice@10.0.0.4:7117 #games> ");
    }
}

package peerchat.ui.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.GroupView;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.NodeInfo;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;
import peerchat.ui.testing.FakeNode;

/** The objects of the scripting contract, field by field (DESIGN.md › the scripting contract). */
class JsonCodecTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonCodec codec = new JsonCodec(mapper);
    private final UserView bob = new UserView(FakeNode.BOB, "bob", "bob@127.0.0.2", "127.0.0.2:7117", true, false, List.of("all", "games"));
    private final MessageView hello = new MessageView("b2b2b2b2b2b2b2b2-7", FakeNode.BOB, "bob", "#games", FakeNode.TALK,
            "hello \"you\"\n", 1_700_000_000_000L, 1_700_000_000_500L, false, true, false, 42);

    private JsonNode json(Object tree) throws Exception {
        // Through text, as a script reads it.
        return mapper.readTree(mapper.writeValueAsString(tree));
    }

    @Test
    void ready() throws Exception {
        JsonNode r = json(codec.ready(new NodeInfo(FakeNode.SELF, "alice", "127.0.0.1:7117"), 1234));
        assertThat(r.path("event").asText()).isEqualTo("ready");
        assertThat(r.path("id").asText()).isEqualTo(FakeNode.SELF.value());
        assertThat(r.path("name").asText()).isEqualTo("alice");
        assertThat(r.path("listen").asText()).isEqualTo("127.0.0.1:7117");
        assertThat(r.path("seq").asLong()).as("messages sent or delivered so far").isEqualTo(1234);
    }

    @Test
    void aMessageHasItsIdSenderTargetTextAndTime() throws Exception {
        JsonNode m = json(codec.event(new ChatEvent.Message(hello)).orElseThrow());
        assertThat(m.path("event").asText()).isEqualTo("message");
        assertThat(m.path("id").asText()).isEqualTo("b2b2b2b2b2b2b2b2-7");
        assertThat(m.path("from").asText()).isEqualTo("bob");
        assertThat(m.path("fromId").asText()).isEqualTo(FakeNode.BOB.value());
        assertThat(m.path("to").asText()).isEqualTo("#games");
        assertThat(m.path("text").asText()).isEqualTo("hello \"you\"\n");
        assertThat(m.path("ts").asLong()).isEqualTo(1_700_000_000_000L);
        assertThat(m.path("heldBack").asBoolean()).isTrue();
        assertThat(m.path("mention").isBoolean()).isTrue();
        assertThat(m.path("mention").asBoolean()).isFalse();
        assertThat(m.path("own").asBoolean()).isFalse();
        assertThat(m.path("seq").asLong()).as("its cursor 42 is the 43rd message").isEqualTo(43);
        assertThat(m.path("action").isBoolean()).isTrue();
        assertThat(m.path("action").asBoolean()).isFalse();
    }

    @Test
    void anActionSaysSoAndKeepsItsTextAsSent() throws Exception {
        MessageView wave = new MessageView(hello.id(), hello.fromId(), hello.from(), hello.to(), hello.conversation(), "/me waves",
                hello.ts(), hello.deliveredAt(), false, false, false, 42);
        JsonNode m = json(codec.event(new ChatEvent.Message(wave)).orElseThrow());
        assertThat(m.path("action").asBoolean()).isTrue();
        assertThat(m.path("text").asText()).isEqualTo("/me waves");
    }

    @Test
    void aWarningIsItsText() throws Exception {
        assertThat(json(codec.event(new ChatEvent.Warning("another node uses this node's identity")).orElseThrow()).toString())
                .isEqualTo("{\"event\":\"warning\",\"text\":\"another node uses this node's identity\"}");
    }

    @Test
    void membershipAndPresenceEvents() throws Exception {
        assertThat(json(codec.event(new ChatEvent.Joined("games", "bob")).orElseThrow()).toString())
                .isEqualTo("{\"event\":\"joined\",\"group\":\"games\",\"user\":\"bob\"}");
        assertThat(json(codec.event(new ChatEvent.Left("games", "bob")).orElseThrow()).toString())
                .isEqualTo("{\"event\":\"left\",\"group\":\"games\",\"user\":\"bob\"}");
        assertThat(json(codec.event(new ChatEvent.GroupCreated("games", "alice")).orElseThrow()).toString())
                .isEqualTo("{\"event\":\"group-created\",\"group\":\"games\",\"by\":\"alice\"}");
        JsonNode up = json(codec.event(new ChatEvent.PeerUp(bob)).orElseThrow());
        assertThat(up.path("event").asText()).isEqualTo("peer-up");
        assertThat(up.path("name").asText()).isEqualTo("bob");
        assertThat(up.path("address").asText()).isEqualTo("127.0.0.2:7117");
        JsonNode held = json(codec.event(new ChatEvent.HeldBack(3, "3 messages held back, ...")).orElseThrow());
        assertThat(held.path("event").asText()).isEqualTo("held-back");
        assertThat(held.path("messages").asInt()).isEqualTo(3);
        assertThat(held.path("text").asText()).isEqualTo("3 messages held back, ...");
        assertThat(json(codec.event(new ChatEvent.Released("the messages held back have all arrived")).orElseThrow()).toString())
                .isEqualTo("{\"event\":\"released\",\"text\":\"the messages held back have all arrived\"}");
        JsonNode down = json(codec.event(new ChatEvent.PeerDown(bob, "heartbeats missed")).orElseThrow());
        assertThat(down.path("event").asText()).isEqualTo("peer-down");
        assertThat(down.path("reason").asText()).isEqualTo("heartbeats missed");
        assertThat(codec.event(new ChatEvent.Opened(FakeNode.TALK, "@bob"))).isEmpty();
    }

    @Test
    void aRenameIsTheUserAsShownNowAndTheNameItWas() throws Exception {
        UserView bobby = new UserView(FakeNode.BOB, "bobby", "bobby", "127.0.0.2:7117", true, false, List.of("all", "games"));
        assertThat(json(codec.event(new ChatEvent.Renamed(bobby, "bob", "b2b2b2b2b2b2b2b2-8", 1_700_000_000_700L, 42))
                .orElseThrow()).toString()).isEqualTo(
                "{\"event\":\"renamed\",\"name\":\"bobby\",\"label\":\"bobby\",\"id\":\"" + FakeNode.BOB.value() + "\","
                + "\"address\":\"127.0.0.2:7117\",\"online\":true,\"self\":false,\"ignored\":false,"
                + "\"groups\":[\"all\",\"games\"],\"was\":\"bob\",\"ts\":1700000000700,\"after\":42}");
        UserView alice2 = new UserView(FakeNode.SELF, "alice2", "alice2", "127.0.0.1:7117", true, true, List.of("all"));
        JsonNode own = json(codec.event(new ChatEvent.Renamed(alice2, "alice", "a1a1a1a1a1a1a1a1-3", 1_700_000_000_000L, 0)).orElseThrow());
        assertThat(own.path("self").asBoolean()).isTrue();
        assertThat(own.path("name").asText()).isEqualTo("alice2");
        assertThat(own.path("was").asText()).isEqualTo("alice");
        assertThat(json(codec.reply(new Reply.Done("nick", "you are now known as alice2"))).toString())
                .as("the answer to -nick is a plain result").isEqualTo("{\"event\":\"result\",\"command\":\"nick\",\"text\":\"you are now known as alice2\"}");
    }

    @Test
    void usersHaveNameIdAddressPresenceAndGroups() throws Exception {
        JsonNode r = json(codec.reply(new Reply.Users("listusers", List.of(bob))));
        assertThat(r.path("event").asText()).isEqualTo("result");
        assertThat(r.path("command").asText()).isEqualTo("listusers");
        JsonNode u = r.path("users").get(0);
        assertThat(u.path("name").asText()).isEqualTo("bob");
        assertThat(u.path("label").asText()).isEqualTo("bob@127.0.0.2");
        assertThat(u.path("id").asText()).isEqualTo(FakeNode.BOB.value());
        assertThat(u.path("address").asText()).isEqualTo("127.0.0.2:7117");
        assertThat(u.path("online").asBoolean()).isTrue();
        assertThat(u.path("groups").toString()).isEqualTo("[\"all\",\"games\"]");
        assertThat(u.path("ignored").isBoolean()).isTrue();
        assertThat(u.path("ignored").asBoolean()).isFalse();
        JsonNode ignored = json(codec.reply(new Reply.Users("listusers", List.of(new UserView(bob.id(), bob.name(), bob.label(),
                bob.address(), false, false, bob.groups(), true))))).path("users").get(0);
        assertThat(ignored.path("ignored").asBoolean()).isTrue();
    }

    @Test
    void groupsHaveNameAndMemberNames() throws Exception {
        JsonNode r = json(codec.reply(new Reply.Groups("listgroups", List.of(new GroupView("games", List.of("alice", "bob"))))));
        assertThat(r.path("groups").toString()).isEqualTo("[{\"name\":\"games\",\"members\":[\"alice\",\"bob\"]}]");
    }

    @Test
    void membersNameTheGroup() throws Exception {
        JsonNode r = json(codec.reply(new Reply.Members("members", "games", List.of(bob))));
        assertThat(r.path("group").asText()).isEqualTo("games");
        assertThat(r.path("members").get(0).path("name").asText()).isEqualTo("bob");
        assertThat(r.path("members").get(0).path("online").asBoolean()).isTrue();
    }

    @Test
    void historyIsMessagesOldestFirst() throws Exception {
        MessageView later = new MessageView("b2b2b2b2b2b2b2b2-8", FakeNode.BOB, "bob", "#games", FakeNode.TALK,
                "later", 1_700_000_001_000L, 1_700_000_001_000L, false, false, true, 43);
        JsonNode r = json(codec.reply(new Reply.Messages("history", "#games", List.of(hello, later))));
        assertThat(r.path("messages").size()).isEqualTo(2);
        assertThat(r.path("messages").get(0).path("id").asText()).isEqualTo("b2b2b2b2b2b2b2b2-7");
        assertThat(r.path("messages").get(1).path("text").asText()).isEqualTo("later");
        assertThat(r.path("messages").get(1).path("mention").asBoolean()).isTrue();
        assertThat(r.path("renames").isArray()).as("none: an empty list").isTrue();
        assertThat(r.path("renames").size()).isZero();
    }

    @Test
    void aHistoryHasTheRenamesAmongItsMessagesBesideThemEachAfterTheSeqItFollows() throws Exception {
        UserView bobby = new UserView(FakeNode.BOB, "bobby", "bobby", "127.0.0.2:7117", true, false, List.of("all", "games"));
        MessageView asBobby = new MessageView("b2b2b2b2b2b2b2b2-9", FakeNode.BOB, "bobby", "#games", FakeNode.TALK,
                "as bobby", 1_700_000_002_000L, 1_700_000_002_000L, false, false, false, 44);
        ChatEvent.Renamed renamed = new ChatEvent.Renamed(bobby, "bob", "b2b2b2b2b2b2b2b2-8", 1_700_000_001_000L, 43);
        JsonNode r = json(codec.reply(new Reply.Messages("history", "#games", List.of(hello, asBobby), List.of(renamed))));
        assertThat(r.path("messages")).extracting(m -> m.path("from").asText()).as("each under the name of its time")
                .containsExactly("bob", "bobby");
        assertThat(r.path("messages")).allSatisfy(m -> assertThat(m.has("text")).as("messages only").isTrue());
        assertThat(r.path("renames").toString()).isEqualTo("[{\"name\":\"bobby\",\"label\":\"bobby\",\"id\":\""
                + FakeNode.BOB.value() + "\",\"address\":\"127.0.0.2:7117\",\"online\":true,\"self\":false,\"ignored\":false,"
                + "\"groups\":[\"all\",\"games\"],\"was\":\"bob\",\"ts\":1700000001000,\"after\":43}]");
        assertThat(r.path("messages").get(0).path("seq").asLong()).as("after the message of seq 43, before 45").isEqualTo(43);
        assertThat(r.path("messages").get(1).path("seq").asLong()).isEqualTo(45);
    }

    @Test
    void sentDoneQuitAndErrors() throws Exception {
        assertThat(json(codec.reply(new Reply.Sent("send", hello))).path("message").path("id").asText())
                .isEqualTo("b2b2b2b2b2b2b2b2-7");
        assertThat(json(codec.reply(new Reply.Sent("send", hello))).has("notice")).isFalse();
        assertThat(json(codec.reply(new Reply.Sent("send", hello, "bob is offline: bob gets it when back"))).path("notice").asText())
                .isEqualTo("bob is offline: bob gets it when back");
        assertThat(json(codec.reply(new Reply.Done("creategroup", "group games created"))).path("text").asText())
                .isEqualTo("group games created");
        assertThat(json(codec.reply(new Reply.Quit("quit"))).toString()).isEqualTo("{\"event\":\"result\",\"command\":\"quit\"}");
        assertThat(json(codec.reply(new Reply.Error("joingroup", "no group nope"))).toString())
                .isEqualTo("{\"event\":\"error\",\"command\":\"joingroup\",\"message\":\"no group nope\"}");
    }
}

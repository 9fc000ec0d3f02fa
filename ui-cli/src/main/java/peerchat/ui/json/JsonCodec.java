package peerchat.ui.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.GroupView;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.NodeInfo;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;

/**
 * Events and replies as the JSON objects of the scripting contract (DESIGN.md › "Launcher and
 * the scripting contract"). Pure: objects in, trees out; writing them is {@link JsonOut}'s job.
 */
public final class JsonCodec {
    private final ObjectMapper mapper;

    public JsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code seq}: how many messages the node has sent or delivered so far (the newest one's seq). */
    public ObjectNode ready(NodeInfo self, long seq) {
        ObjectNode o = event("ready");
        o.put("id", self.id().value());
        o.put("name", self.name());
        o.put("listen", self.listen());
        o.put("seq", seq);
        return o;
    }

    /** Empty for events that are not part of the contract (a conversation being opened). */
    public Optional<ObjectNode> event(ChatEvent e) {
        if (e instanceof ChatEvent.Message) {
            ObjectNode o = event("message");
            message(o, ((ChatEvent.Message) e).message());
            return Optional.of(o);
        }
        if (e instanceof ChatEvent.Joined) {
            ChatEvent.Joined j = (ChatEvent.Joined) e;
            return Optional.of(event("joined").put("group", j.group()).put("user", j.user()));
        }
        if (e instanceof ChatEvent.Left) {
            ChatEvent.Left l = (ChatEvent.Left) e;
            return Optional.of(event("left").put("group", l.group()).put("user", l.user()));
        }
        if (e instanceof ChatEvent.GroupCreated) {
            ChatEvent.GroupCreated g = (ChatEvent.GroupCreated) e;
            return Optional.of(event("group-created").put("group", g.group()).put("by", g.by()));
        }
        if (e instanceof ChatEvent.Renamed) {
            ObjectNode o = event("renamed");
            renamed(o, (ChatEvent.Renamed) e);
            return Optional.of(o);
        }
        if (e instanceof ChatEvent.PeerUp) {
            ObjectNode o = event("peer-up");
            user(o, ((ChatEvent.PeerUp) e).user());
            return Optional.of(o);
        }
        if (e instanceof ChatEvent.HeldBack) {
            ChatEvent.HeldBack h = (ChatEvent.HeldBack) e;
            return Optional.of(event("held-back").put("messages", h.messages()).put("text", h.text()));
        }
        if (e instanceof ChatEvent.Released) {
            return Optional.of(event("released").put("text", ((ChatEvent.Released) e).text()));
        }
        if (e instanceof ChatEvent.Warning) {
            return Optional.of(event("warning").put("text", ((ChatEvent.Warning) e).text()));
        }
        if (e instanceof ChatEvent.PeerDown) {
            ChatEvent.PeerDown d = (ChatEvent.PeerDown) e;
            ObjectNode o = event("peer-down");
            user(o, d.user());
            o.put("reason", d.reason());
            return Optional.of(o);
        }
        return Optional.empty();
    }

    /** Exactly one {@code result} or {@code error} object per command line. */
    public ObjectNode reply(Reply r) {
        if (r instanceof Reply.Error) {
            return error(r.command(), ((Reply.Error) r).message());
        }
        ObjectNode o = event("result");
        o.put("command", r.command());
        if (r instanceof Reply.Users) {
            users(o.putArray("users"), ((Reply.Users) r).users());
        } else if (r instanceof Reply.Groups) {
            ArrayNode a = o.putArray("groups");
            for (GroupView g : ((Reply.Groups) r).groups()) {
                ObjectNode go = a.addObject().put("name", g.name());
                g.members().forEach(go.putArray("members")::add);
            }
        } else if (r instanceof Reply.Members) {
            Reply.Members m = (Reply.Members) r;
            o.put("group", m.group());
            users(o.putArray("members"), m.members());
        } else if (r instanceof Reply.Messages) {
            Reply.Messages m = (Reply.Messages) r;
            o.put("target", m.target());
            ArrayNode a = o.putArray("messages");
            m.messages().forEach(v -> message(a.addObject(), v));
            // Beside the messages, not among them: every object of "messages" stays a message.
            ArrayNode renames = o.putArray("renames");
            m.renames().forEach(n -> renamed(renames.addObject(), n));
        } else if (r instanceof Reply.Sent) {
            message(o.putObject("message"), ((Reply.Sent) r).message());
            if (!((Reply.Sent) r).notice().isEmpty()) {
                o.put("notice", ((Reply.Sent) r).notice());
            }
        } else if (r instanceof Reply.Done) {
            o.put("text", ((Reply.Done) r).text());
        }
        return o;
    }

    public ObjectNode error(String command, String message) {
        return event("error").put("command", command == null ? "" : command).put("message", message);
    }

    private ObjectNode event(String name) {
        return mapper.createObjectNode().put("event", name);
    }

    private static void users(ArrayNode into, List<UserView> users) {
        users.forEach(u -> user(into.addObject(), u));
    }

    private static void user(ObjectNode o, UserView u) {
        o.put("name", u.name());
        o.put("label", u.label());
        o.put("id", u.id().value());
        o.put("address", u.address());
        o.put("online", u.online());
        o.put("self", u.self());
        o.put("ignored", u.ignored());
        u.groups().forEach(o.putArray("groups")::add);
    }

    /**
     * The user as shown from then on, the name it was shown by, when it was taken (the user's
     * clock, as a message's {@code ts}) and {@code after}: the {@code seq} of the last message this
     * node had sent or delivered before it (0: none), its place among them, live or in a history.
     */
    private static void renamed(ObjectNode o, ChatEvent.Renamed r) {
        user(o, r.user());
        o.put("was", r.was());
        o.put("ts", r.ts());
        o.put("after", r.cursor());
    }

    private static void message(ObjectNode o, MessageView m) {
        o.put("id", m.id());
        o.put("from", m.from());
        o.put("fromId", m.fromId().value());
        o.put("to", m.to());
        o.put("conversation", m.conversation().key());
        o.put("text", m.text());
        o.put("ts", m.ts());
        o.put("deliveredAt", m.deliveredAt());
        o.put("own", m.own());
        o.put("heldBack", m.heldBack());
        o.put("mention", m.mention());
        o.put("action", m.action());
        if (m.cursor() >= 0) {
            // Its place in this node's delivery order, from 1: -since <seq> gives what came after.
            o.put("seq", m.cursor() + 1);
        }
    }
}

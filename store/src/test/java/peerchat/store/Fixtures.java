package peerchat.store;

import java.util.List;
import java.util.Map;
import java.util.Set;
import peerchat.store.event.Dependency;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.event.Target;

/** Readable builders for the events tests write. */
public final class Fixtures {
    public static final NodeId ME = new NodeId("aaaaaaaa00000001");
    public static final NodeId BOB = new NodeId("bbbbbbbb00000002");
    public static final NodeId CAROL = new NodeId("cccccccc00000003");

    private Fixtures() {
    }

    public static NodeId node(int n) {
        return new NodeId(String.format("%016x", 0x1000_0000_0000L + n));
    }

    public static Event.IdentityCreated identity(NodeId id, String name) {
        return new Event.IdentityCreated(id, name, "pk-" + name, 1);
    }

    public static Event.PeerSeen seen(NodeId id, String name) {
        return new Event.PeerSeen(id, name, "127.0.0.2:7117", "pk-" + name, 2);
    }

    public static Target group(String name) {
        return new Target.Group(new GroupName(name));
    }

    public static Target user(NodeId id) {
        return new Target.User(id);
    }

    /** A message this node sent to {@code peers} with link seq {@code linkSeq} on each link. */
    public static Event.MessageSent sent(NodeId self, long seq, Payload payload, Set<NodeId> peers, long linkSeq, long ts) {
        Map<NodeId, List<Dependency>> meta = new java.util.HashMap<>();
        Map<NodeId, Long> links = new java.util.HashMap<>();
        for (NodeId peer : peers) {
            meta.put(peer, List.of(new Dependency(self, seq - 1 < 1 ? 1 : seq - 1, Set.of(peer))));
            links.put(peer, linkSeq);
        }
        return new Event.MessageSent(new MessageId(self, seq), peers, meta, links, payload, ts, ts);
    }

    public static Event.MessageSent chat(NodeId self, long seq, Target to, String text) {
        return sent(self, seq, new Payload.Chat(to, text), Set.of(), 0, 1000 + seq);
    }

    public static Event.MessageReceived received(NodeId from, long seq, Payload payload, long linkSeq, long ts) {
        return new Event.MessageReceived(new MessageId(from, seq), Set.of(ME), List.of(), linkSeq, payload, ts - 5, ts);
    }

    public static Payload.Chat text(Target to, String text) {
        return new Payload.Chat(to, text);
    }

    public static Payload.Membership change(String group, Payload.Change change) {
        return new Payload.Membership(new GroupName(group), change);
    }
}

package peerchat.engine.node;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.MessageView;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.event.Target;
import peerchat.store.projection.GroupInfo;
import peerchat.store.projection.HistoryEntry;
import peerchat.store.projection.Membership;
import peerchat.store.projection.UserInfo;

/** Turns what the store knows into what frontends see. Pure functions over a {@link Directory}. */
final class Views {
    private Views() {
    }

    /**
     * {@code selfAddress}: where this node listens (the log does not say: it may change at each
     * start). {@code justMet}: peers whose handshake completed, by name, that the log may not show
     * yet (their first message can be delivered before their PeerSeen entry is written).
     */
    static Directory directory(Membership membership, Set<NodeId> ignored, String selfAddress, Map<NodeId, String> justMet) {
        List<Directory.User> users = membership.users().stream()
                .map(u -> user(membership, u, selfAddress))
                .collect(Collectors.toCollection(java.util.ArrayList::new));
        List<Directory.User> forgotten = membership.forgottenUsers().stream().map(u -> user(membership, u, selfAddress))
                .collect(Collectors.toList());
        // Met in this run and forgotten since: the handshake to come is what brings them back.
        Set<NodeId> known = java.util.stream.Stream.concat(users.stream(), forgotten.stream()).map(Directory.User::id)
                .collect(Collectors.toSet());
        justMet.forEach((id, name) -> {
            if (!known.contains(id)) {
                users.add(new Directory.User(id, name, null, true, false));
            }
        });
        Map<GroupName, Set<NodeId>> groups = new HashMap<>();
        for (GroupInfo g : membership.groups()) {
            groups.put(g.name(), g.members().stream().map(UserInfo::id).collect(Collectors.toSet()));
        }
        return new Directory(users, groups, ignored, forgotten);
    }

    private static Directory.User user(Membership membership, UserInfo u, String selfAddress) {
        return new Directory.User(u.id(), u.name(), u.self() ? selfAddress : u.address(), u.online(), u.self(),
                membership.formerName(u.id()).orElse(null));
    }

    static Conversation conversation(NodeId sender, Target to, boolean own) {
        if (to instanceof Target.Group g) {
            return new Conversation.Group(g.name());
        }
        return new Conversation.Direct(own ? ((Target.User) to).id() : sender);
    }

    static peerchat.store.projection.Conversation toStore(Conversation c) {
        if (c instanceof Conversation.Group g) {
            return new peerchat.store.projection.Conversation.Group(g.name());
        }
        return new peerchat.store.projection.Conversation.Direct(((Conversation.Direct) c).peer());
    }

    static String written(Directory d, Target to) {
        if (to instanceof Target.Group g) {
            return "#" + g.name().value();
        }
        return "@" + d.label(((Target.User) to).id());
    }

    /**
     * {@code from}: the sender's label under the name they wrote it under; {@code selfNameThen}:
     * this node's user's name when the message came, what a mention is judged by.
     */
    static MessageView message(Directory d, String from, NodeId self, HistoryEntry e, String selfNameThen) {
        boolean own = e.from().equals(self);
        return new MessageView(e.id().text(), e.from(), from, written(d, e.to()),
                conversation(e.from(), e.to(), own), e.text(), e.sentAt(), e.deliveredAt(), own, e.heldBack(),
                !own && Directory.mentions(e.text(), ShownName.of(selfNameThen)), e.position());
    }

    /** {@code fromLabel}: how its sender is written (under the name they sent it under). */
    static MessageView sent(Directory d, String fromLabel, Event.MessageSent s, long position) {
        Payload.Chat chat = (Payload.Chat) s.payload();
        NodeId from = s.id().sender();
        return new MessageView(s.id().text(), from, fromLabel, written(d, chat.to()), conversation(from, chat.to(), true),
                chat.text(), s.ts(), s.ts(), true, false, false, position);
    }

    /** {@code fromLabel}: how its sender is written (under the name they wrote it under). */
    static MessageView delivered(Directory d, String fromLabel, Event.MessageReceived r, long deliveredAt, boolean heldBack,
                                 long position) {
        Payload.Chat chat = (Payload.Chat) r.payload();
        NodeId from = r.id().sender();
        return new MessageView(r.id().text(), from, fromLabel, written(d, chat.to()), conversation(from, chat.to(), false),
                chat.text(), r.sentAt(), deliveredAt, false, heldBack, d.mentionsSelf(chat.text()), position);
    }
}

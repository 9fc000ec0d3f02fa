package peerchat.ui.json;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.UserView;
import peerchat.store.event.NodeId;

/**
 * Makes {@code peer-up} / {@code peer-down} an exact account for scripts: a peer that came up
 * between the node's start and the subscription to its events is announced from the node's
 * user list, and never twice if its own event also arrives. Thread-safe: the stream and the
 * start-up snapshot call in from different threads.
 */
final class Presence {
    private final Set<NodeId> up = new HashSet<>();
    private final Consumer<ChatEvent> out;

    Presence(Consumer<ChatEvent> out) {
        this.out = out;
    }

    synchronized void onEvent(ChatEvent e) {
        if (e instanceof ChatEvent.PeerUp && !up.add(((ChatEvent.PeerUp) e).user().id())) {
            return;
        }
        if (e instanceof ChatEvent.PeerDown && !up.remove(((ChatEvent.PeerDown) e).user().id())) {
            return;
        }
        out.accept(e);
    }

    synchronized void alreadyOnline(UserView user) {
        if (!user.self() && user.online() && up.add(user.id())) {
            out.accept(new ChatEvent.PeerUp(user));
        }
    }
}

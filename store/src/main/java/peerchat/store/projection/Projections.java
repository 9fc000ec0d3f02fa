package peerchat.store.projection;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.store.event.Event;
import peerchat.store.event.GroupStamp;
import peerchat.store.event.MessageId;
import peerchat.store.event.Payload;
import peerchat.store.log.EventLog;
import peerchat.store.log.Logged;

/**
 * Feeds log entries, in log order, to the projections. A received message takes effect when it
 * is delivered: at once if its entry says so, else when its {@code MessageDelivered} arrives;
 * until then it waits here, in a map that holds only what is in the causal buffer.
 *
 * <p>{@link #apply} must be called from one thread at a time (the log's writer thread, or the
 * thread replaying at startup); the projections' queries are safe from any thread.
 */
public final class Projections {
    private static final Logger LOG = LoggerFactory.getLogger(Projections.class);

    private final Membership membership = new Membership();
    private final History history;
    private final Links links = new Links();
    private final Ignored ignored = new Ignored();
    private final Map<MessageId, Logged> undelivered = new HashMap<>();

    public Projections(EventLog log) {
        this.history = new History(log);
    }

    public Membership membership() {
        return membership;
    }

    public History history() {
        return history;
    }

    public Links links() {
        return links;
    }

    public Ignored ignored() {
        return ignored;
    }

    /** The end of a startup replay: presence is not durable, so every peer starts offline. */
    public void replayed() {
        membership.everyoneOffline();
    }

    /** Takes one entry in; an entry that cannot be applied is logged and skipped, never stops the projections. */
    public void apply(Logged logged) {
        try {
            dispatch(logged);
        } catch (RuntimeException e) {
            LOG.error("log entry {} could not be applied to the projections: skipped", logged.index(), e);
        }
    }

    private void dispatch(Logged logged) {
        Event event = logged.event();
        if (event instanceof Event.MessageSent) {
            sent(logged.index(), (Event.MessageSent) event);
        } else if (event instanceof Event.MessageReceived) {
            Event.MessageReceived received = (Event.MessageReceived) event;
            links.received(received);
            if (received.deliveredAtOnce()) {
                delivered(logged, received.ts());
            } else {
                undelivered.put(received.id(), logged);
            }
        } else if (event instanceof Event.MessageDelivered) {
            delivered((Event.MessageDelivered) event);
        } else if (event instanceof Event.PeerAcked) {
            links.acked((Event.PeerAcked) event);
        } else if (event instanceof Event.MessageDropped) {
            links.dropped((Event.MessageDropped) event);
        } else if (event instanceof Event.CustodyTaken) {
            links.custody(logged.index(), (Event.CustodyTaken) event);
        } else if (event instanceof Event.RelayReceived) {
            links.relayed((Event.RelayReceived) event);
        } else if (event instanceof Event.PeerSeen) {
            Event.PeerSeen seen = (Event.PeerSeen) event;
            membership.seen(seen);
            history.heard(seen.id(), seen.name());
        } else if (event instanceof Event.UserHeard) {
            heard((Event.UserHeard) event);
        } else if (event instanceof Event.PeerConnected) {
            membership.connected((Event.PeerConnected) event);
        } else if (event instanceof Event.PeerDisconnected) {
            membership.disconnected((Event.PeerDisconnected) event);
        } else if (event instanceof Event.IdentityCreated) {
            Event.IdentityCreated identity = (Event.IdentityCreated) event;
            membership.identity(identity);
            history.identity(identity.id(), identity.name());
        } else if (event instanceof Event.UserIgnored) {
            ignored.changed((Event.UserIgnored) event);
        } else if (event instanceof Event.UserForgotten) {
            membership.forgotten((Event.UserForgotten) event);
        }
    }

    /** A peer told of a user not met: their name, until they give one, and the groups they are in as far as it knew. */
    private void heard(Event.UserHeard heard) {
        for (GroupStamp stamp : membership.heard(heard)) {
            history.memberChanged(heard.id(), stamp.group(), stamp.member() ? Payload.Change.JOIN : Payload.Change.LEAVE);
        }
        if (heard.name() != null) {
            history.heard(heard.id(), heard.name());
        }
    }

    private void sent(long index, Event.MessageSent sent) {
        links.sent(index, sent);
        Payload payload = sent.payload();
        if (payload instanceof Payload.Chat) {
            Payload.Chat chat = (Payload.Chat) payload;
            history.delivered(Conversation.of(sent.id().sender(), chat.to(), true), index, sent.ts());
        } else {
            changed(sent.id(), payload, sent.ts());
        }
    }

    private void delivered(Event.MessageDelivered delivered) {
        Logged logged = undelivered.remove(delivered.id());
        if (logged == null) {
            LOG.warn("delivery of {}, which was not received or was delivered already: ignored", delivered.id());
            return;
        }
        delivered(logged, delivered.ts());
    }

    /** {@code logged}, a MessageReceived entry, delivered at {@code ts}. */
    private void delivered(Logged logged, long ts) {
        Event.MessageReceived received = (Event.MessageReceived) logged.event();
        Payload payload = received.payload();
        if (payload instanceof Payload.Chat) {
            Payload.Chat chat = (Payload.Chat) payload;
            history.delivered(Conversation.of(received.id().sender(), chat.to(), false), logged.index(), ts);
        } else {
            changed(received.id(), payload, received.sentAt());
        }
    }

    /** Message {@code id} about its sender itself (its groups, its name) took effect here; {@code sentAt}: its sender's clock. */
    private void changed(MessageId id, Payload about, long sentAt) {
        boolean took = membership.changed(id, about);
        if (about instanceof Payload.Rename rename) {
            history.renamed(id, rename.name(), sentAt);
        } else if (about instanceof Payload.Membership change && took) {
            history.memberChanged(id.sender(), change.group(), change.change());
        }
    }
}

package peerchat.store.event;

/**
 * The tag written before each event body in the log. Tags are part of the on-disk format: never
 * renumber one; a new kind of event takes a new tag, and an old reader skips tags it does not know.
 */
public enum EventType {
    IDENTITY_CREATED(1, Event.IdentityCreated.class),
    MESSAGE_SENT(2, Event.MessageSent.class),
    MESSAGE_RECEIVED(3, Event.MessageReceived.class),
    MESSAGE_DELIVERED(4, Event.MessageDelivered.class),
    PEER_SEEN(5, Event.PeerSeen.class),
    PEER_CONNECTED(6, Event.PeerConnected.class),
    PEER_DISCONNECTED(7, Event.PeerDisconnected.class),
    PEER_ACKED(8, Event.PeerAcked.class),
    MESSAGE_DROPPED(9, Event.MessageDropped.class),
    CUSTODY_TAKEN(10, Event.CustodyTaken.class),
    RELAY_RECEIVED(11, Event.RelayReceived.class),
    USER_IGNORED(12, Event.UserIgnored.class),
    USER_FORGOTTEN(13, Event.UserForgotten.class),
    USER_HEARD(14, Event.UserHeard.class);

    private static final EventType[] BY_TAG = new EventType[16];

    static {
        for (EventType t : values()) {
            BY_TAG[t.tag] = t;
        }
    }

    private final int tag;
    private final Class<? extends Event> type;

    EventType(int tag, Class<? extends Event> type) {
        this.tag = tag;
        this.type = type;
    }

    public int tag() {
        return tag;
    }

    public Class<? extends Event> type() {
        return type;
    }

    /** The type with this tag, or null when this version of the code does not know it. */
    public static EventType ofTag(int tag) {
        return tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
    }

    public static EventType of(Event event) {
        // Sealed interface, no pattern switch in Java 17: a chain of instanceof is the honest form.
        if (event instanceof Event.MessageSent) {
            return MESSAGE_SENT;
        } else if (event instanceof Event.MessageReceived) {
            return MESSAGE_RECEIVED;
        } else if (event instanceof Event.MessageDelivered) {
            return MESSAGE_DELIVERED;
        } else if (event instanceof Event.PeerAcked) {
            return PEER_ACKED;
        } else if (event instanceof Event.MessageDropped) {
            return MESSAGE_DROPPED;
        } else if (event instanceof Event.CustodyTaken) {
            return CUSTODY_TAKEN;
        } else if (event instanceof Event.RelayReceived) {
            return RELAY_RECEIVED;
        } else if (event instanceof Event.UserIgnored) {
            return USER_IGNORED;
        } else if (event instanceof Event.UserForgotten) {
            return USER_FORGOTTEN;
        } else if (event instanceof Event.UserHeard) {
            return USER_HEARD;
        } else if (event instanceof Event.PeerSeen) {
            return PEER_SEEN;
        } else if (event instanceof Event.PeerConnected) {
            return PEER_CONNECTED;
        } else if (event instanceof Event.PeerDisconnected) {
            return PEER_DISCONNECTED;
        } else if (event instanceof Event.IdentityCreated) {
            return IDENTITY_CREATED;
        }
        throw new IllegalArgumentException("no tag for " + event.getClass());
    }
}

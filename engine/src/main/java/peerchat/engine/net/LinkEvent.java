package peerchat.engine.net;

import java.net.InetSocketAddress;
import peerchat.store.event.NodeId;

/** What the links report to the node (which logs presence from them). */
public interface LinkEvent {
    NodeId peer();

    /** A link to {@code peer} completed its handshake (key proven); it listens on {@code listenAddress}. */
    record PeerUp(NodeId peer, String name, InetSocketAddress listenAddress, byte[] publicKey) implements LinkEvent {
    }

    /** The link to {@code peer} is gone (why: closed, heartbeat timeout, protocol error ...). */
    record PeerDown(NodeId peer, String reason) implements LinkEvent {
    }

    /**
     * A node that is not this one said it is ({@code peer} is this node's own id): its HELLO came
     * with a nonce none of this node's connections sent, from {@code address}.
     */
    record SameIdentity(NodeId peer, InetSocketAddress address) implements LinkEvent {
    }

    /**
     * Peer {@code peer}, proven, told of the users it knows and the groups they are in
     * ({@link RosterWire}): in its HELLO, and now and then after.
     */
    record RosterHeard(NodeId peer, java.util.List<peerchat.store.projection.KnownUser> users) implements LinkEvent {
    }

    /** A peer this node learned of (from gossip, or a handshake) or whose address changed; not connected yet. */
    record PeerHeard(NodeId peer, String name, InetSocketAddress address) implements LinkEvent {
    }
}

package peerchat.engine.net;

import java.util.List;

/** The frames of the link protocol, decoded: records in, records out (see {@link WireConstants}). */
interface Frame {

    /** A peer as gossiped: its id, name and the address it listens on. */
    record PeerInfo(String id, String name, String host, int port) {
    }

    /**
     * A user as a node knows them, for peers that may not have met them ({@link RosterWire}): id,
     * name (null if not known), when anyone last had a link to them (epoch ms, 0: never) and their
     * newest stamp in each group they were ever in.
     */
    record Known(String id, String name, long seen, List<Stamp> groups) {
    }

    /** In ({@code in}) or out of {@code group} as of its member's own message numbered {@code seq}. */
    record Stamp(String group, long seq, boolean in) {
    }

    /**
     * First frame each way: who I am, where I listen, whom I know (the peers to dial, and the
     * users in which groups: {@code roster}, null for none), and a nonce for you to sign.
     */
    record Hello(String id, byte[] publicKey, String name, String host, int port, byte[] nonce,
                 List<PeerInfo> peers, List<Known> roster) implements Frame {
    }

    /** Second frame each way: your nonce signed with my key, and how far I have received from you. */
    record Proof(byte[] signature, long receivedUpTo) implements Frame {
    }

    record Data(long seq, byte[] body) implements Frame {
    }

    /** Cumulative: everything up to {@code upTo} is durable at the receiver. */
    record Ack(long upTo) implements Frame {
    }

    record Heartbeat() implements Frame {
        static final Heartbeat INSTANCE = new Heartbeat();
    }

    /** What a HELLO says of others, again: the peers when they change, and now and then with the roster (null between). */
    record Gossip(List<PeerInfo> peers, List<Known> roster) implements Frame {
    }

    /** The sender is shutting down: the last frame it writes, with its user's parting words ("" for none). */
    record Bye(String words) implements Frame {
    }
}

package peerchat.engine.net;

import java.util.List;

/** The frames of the link protocol, decoded: records in, records out (see {@link WireConstants}). */
interface Frame {

    /** A peer as gossiped: its id, name and the address it listens on. */
    record PeerInfo(String id, String name, String host, int port) {
    }

    /** First frame each way: who I am, where I listen, whom I know, and a nonce for you to sign. */
    record Hello(String id, byte[] publicKey, String name, String host, int port, byte[] nonce,
                 List<PeerInfo> peers) implements Frame {
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

    record Gossip(List<PeerInfo> peers) implements Frame {
    }

    /** The sender is shutting down: the last frame it writes, with its user's parting words ("" for none). */
    record Bye(String words) implements Frame {
    }
}

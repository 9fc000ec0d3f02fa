package peerchat.store.event;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a node records, in the order it happened: the log is a sequence of these and the
 * only durable state of a node. Times are epoch milliseconds from the node's injected clock.
 *
 * <p>Causal inputs are recorded so that replaying them through the causal core rebuilds its state
 * exactly: {@link MessageSent} is a send (with the metadata each destination was given, so it can
 * be retransmitted from the log), {@link MessageReceived} a receive (appended before the sender is
 * acknowledged), and {@link MessageDelivered} the moment a received message passed the delivery
 * condition (it points at its {@code MessageReceived} entry rather than copying it). A message
 * delivered as soon as it came, which is most of them, needs no second entry: its
 * {@code MessageReceived} says so ({@code deliveredAtOnce}).
 */
public sealed interface Event {
    long ts();

    /** This node's own identity, written once at first start (and again if the display name changes). */
    record IdentityCreated(NodeId id, String name, String publicKey, long ts) implements Event {
        public IdentityCreated {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(publicKey, "publicKey");
        }
    }

    /**
     * This node sent a message (delivered to itself at once). {@code meta} maps each destination
     * to the KS metadata it was sent and {@code linkSeq} to the message's number on the link to
     * that destination (1, 2, 3, ... per destination: what link acks count); {@code transmitAt} is
     * when it may first go on the wire ({@code -delay}), equal to {@code ts} normally.
     */
    record MessageSent(MessageId id, Set<NodeId> destinations, Map<NodeId, List<Dependency>> meta,
                       Map<NodeId, Long> linkSeq, Payload payload, long ts, long transmitAt) implements Event {
        public MessageSent {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(payload, "payload");
            destinations = Set.copyOf(destinations);
            meta = immutableLists(meta);
            linkSeq = Map.copyOf(linkSeq);
        }
    }

    /** {@code meta} with each list immutable (an immutable one is not copied): no nulls, nothing changes later. */
    private static Map<NodeId, List<Dependency>> immutableLists(Map<NodeId, List<Dependency>> meta) {
        Map<NodeId, List<Dependency>> copy = new java.util.HashMap<>(2 * meta.size());
        meta.forEach((to, deps) -> copy.put(to, List.copyOf(deps)));
        return Map.copyOf(copy);
    }

    /**
     * A message from another node reached this one and was logged. {@code meta} is the metadata
     * this node was sent; {@code linkSeq} its number on the sender's link to us; {@code sentAt} is
     * the sender's clock, {@code ts} ours. {@code deliveredAtOnce}: it was delivered in the same
     * step, at {@code ts}, as if a {@link MessageDelivered} followed at once (one log entry where
     * two were written before); otherwise it waits in the causal buffer for its
     * {@code MessageDelivered}.
     */
    record MessageReceived(MessageId id, Set<NodeId> destinations, List<Dependency> meta, long linkSeq,
                           Payload payload, long sentAt, long ts, boolean deliveredAtOnce) implements Event {
        public MessageReceived {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(payload, "payload");
            destinations = Set.copyOf(destinations);
            meta = List.copyOf(meta);
        }

        /** Not delivered yet: a {@link MessageDelivered} follows, in the same batch or later. */
        public MessageReceived(MessageId id, Set<NodeId> destinations, List<Dependency> meta, long linkSeq,
                               Payload payload, long sentAt, long ts) {
            this(id, destinations, meta, linkSeq, payload, sentAt, ts, false);
        }

        /** This receive, delivered in the same step. */
        public MessageReceived asDeliveredAtOnce() {
            return new MessageReceived(id, destinations, meta, linkSeq, payload, sentAt, ts, true);
        }
    }

    /**
     * The received message {@code id} (logged earlier as a {@link MessageReceived}) was delivered,
     * in this order. It names the message rather than its log index so that a node can append a
     * receive and the deliveries it causes in one batch, in the order the causal core made them.
     */
    record MessageDelivered(MessageId id, long ts) implements Event {
        public MessageDelivered {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * A message from {@code from}, number {@code linkSeq} on its link, could not be taken
     * (malformed, refused by the causal core, or a copy of one already taken). Logged so that its
     * number counts as received after a restart: the link's acks move past it and it is never
     * asked for again.
     */
    record MessageDropped(NodeId from, long linkSeq, String reason, long ts) implements Event {
        public MessageDropped {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Bytes this node sends as number {@code linkSeq} on its link to {@code forPeer}, again until
     * that peer acknowledges them, as its own messages: a copy of another node's message {@code id}
     * that this node keeps for {@code forPeer}, to whom its sender had no link (the sender's sealed,
     * signed copy, passed on unchanged); or, written by that sender, sealed copies of its own
     * messages from {@code id} on, handed to {@code forPeer} to keep for a node whose link it lost.
     */
    record CustodyTaken(NodeId forPeer, long linkSeq, MessageId id, byte[] envelope, long ts) implements Event {
        public CustodyTaken {
            Objects.requireNonNull(forPeer, "forPeer");
            Objects.requireNonNull(id, "id");
            envelope = envelope.clone();
        }

        @Override
        public byte[] envelope() {
            return envelope.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CustodyTaken c && c.forPeer.equals(forPeer) && c.linkSeq == linkSeq && c.id.equals(id)
                    && java.util.Arrays.equals(c.envelope, envelope) && c.ts == ts;
        }

        @Override
        public int hashCode() {
            return Objects.hash(forPeer, linkSeq, id, java.util.Arrays.hashCode(envelope), ts);
        }

        @Override
        public String toString() {
            return "CustodyTaken[forPeer=" + forPeer + ", linkSeq=" + linkSeq + ", id=" + id + ", envelope="
                    + envelope.length + " bytes, ts=" + ts + "]";
        }
    }

    /**
     * Number {@code linkSeq} on the link from {@code from} carried no message of {@code from}'s own
     * (a {@link CustodyTaken} there): a copy of another node's message {@code id} kept for this
     * node, which is logged as received from its sender; or sealed copies, from {@code id} on,
     * handed over for this node to keep. Logged so that the number counts as received after a
     * restart.
     */
    record RelayReceived(NodeId from, long linkSeq, MessageId id, long ts) implements Event {
        public RelayReceived {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * This node's user hides {@code id}'s messages ({@code ignored}) or shows them again. Only what
     * is shown changes: the messages are still received, ordered and logged, so showing them again
     * shows all of them.
     */
    record UserIgnored(NodeId id, boolean ignored, long ts) implements Event {
        public UserIgnored {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * This node's user forgot {@code id} ({@code -forget}): a user gone for good, an old identity
     * of someone who reinstalled. Out of the lists and of every group here, so no message of this
     * node goes to it any more; known again once it connects ({@link PeerSeen}, {@link PeerConnected}).
     */
    record UserForgotten(NodeId id, long ts) implements Event {
        public UserForgotten {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * Peer {@code from} told this node of user {@code id}, who it has not met: known by
     * {@code name} (null if {@code from} knew none), last linked to anyone {@code seen} (epoch ms, as
     * far as {@code from} knew; 0: never), in or out of {@code groups} as of the stamps. Logged only with what was news
     * here (a user not known, a stamp newer than the one known), so that a node sends its group
     * messages also to members it has not met ({@code Membership}); what a user says of itself,
     * in a handshake or a message, counts over a name heard this way.
     */
    record UserHeard(NodeId id, String name, NodeId from, long seen, List<GroupStamp> groups, long ts) implements Event {
        public UserHeard {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(from, "from");
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }

    /** A node proved its identity in a handshake or was heard of: its name and where it listens. */
    record PeerSeen(NodeId id, String name, String address, String publicKey, long ts) implements Event {
        public PeerSeen {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    record PeerConnected(NodeId id, String address, long ts) implements Event {
        public PeerConnected {
            Objects.requireNonNull(id, "id");
        }
    }

    record PeerDisconnected(NodeId id, String reason, long ts) implements Event {
        public PeerDisconnected {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * Peer {@code id} has logged every message this node sent it up to and including link number
     * {@code linkSeq}: nothing at or below it is ever sent to that peer again.
     */
    record PeerAcked(NodeId id, long linkSeq, long ts) implements Event {
        public PeerAcked {
            Objects.requireNonNull(id, "id");
        }
    }
}

package peerchat.store.projection;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import peerchat.store.event.Event;
import peerchat.store.event.NodeId;

/**
 * What the link layer needs after a restart, rebuilt from the log. Sender side, per peer: the
 * highest link seq sent and acknowledged, and the log indexes of the sends not yet acknowledged
 * (the outbox, in link seq order: {@code MessageSent} and {@code CustodyTaken} entries, read them with {@code Store.read}). Receiver side, per sender:
 * the link seqs already received, so duplicates are dropped.
 *
 * <p>Thread-safe: updated by the log's writer thread, read from any thread.
 */
public final class Links {
    private static final class Outbox {
        long acked;
        long lastSent;
        final LongList seqs = new LongList(8);
        final LongList indexes = new LongList(8);
        /** 1 where the entry is a copy kept for the peer ({@code CustodyTaken}), 0 for this node's own send. */
        final LongList copies = new LongList(8);
    }

    private static final class Inbox {
        long contiguous;
        final TreeSet<Long> above = new TreeSet<>();
    }

    private final Map<NodeId, Outbox> outboxes = new HashMap<>();
    private final Map<NodeId, Inbox> inboxes = new HashMap<>();

    synchronized void sent(long index, Event.MessageSent sent) {
        for (Map.Entry<NodeId, Long> e : sent.linkSeq().entrySet()) {
            queue(e.getKey(), e.getValue(), index, false);
        }
    }

    /** A copy kept for another peer goes out on this node's link to it, as its own sends do. */
    synchronized void custody(long index, Event.CustodyTaken custody) {
        queue(custody.forPeer(), custody.linkSeq(), index, true);
    }

    private void queue(NodeId peer, long seq, long index, boolean copy) {
        Outbox out = outboxes.computeIfAbsent(peer, k -> new Outbox());
        out.lastSent = Math.max(out.lastSent, seq);
        if (seq > out.acked) {
            out.seqs.add(seq);
            out.indexes.add(index);
            out.copies.add(copy ? 1 : 0);
        }
    }

    synchronized void acked(Event.PeerAcked ack) {
        Outbox out = outboxes.computeIfAbsent(ack.id(), k -> new Outbox());
        if (ack.linkSeq() <= out.acked) {
            return;
        }
        out.acked = ack.linkSeq();
        // A peer that has more than the log numbers (the log lost its newest part): the next send
        // to it is numbered after what it has, after a restart too.
        out.lastSent = Math.max(out.lastSent, out.acked);
        int drop = 0;
        while (drop < out.seqs.size() && out.seqs.get(drop) <= out.acked) {
            drop++;
        }
        out.seqs.dropFirst(drop);
        out.indexes.dropFirst(drop);
        out.copies.dropFirst(drop);
    }

    synchronized void received(Event.MessageReceived received) {
        received(received.id().sender(), received.linkSeq());
    }

    synchronized void dropped(Event.MessageDropped dropped) {
        received(dropped.from(), dropped.linkSeq());
    }

    synchronized void relayed(Event.RelayReceived relayed) {
        received(relayed.from(), relayed.linkSeq());
    }

    private void received(NodeId sender, long seq) {
        Inbox in = inboxes.computeIfAbsent(sender, k -> new Inbox());
        if (seq <= in.contiguous) {
            return;
        }
        if (seq == in.contiguous + 1 && in.above.isEmpty()) {
            in.contiguous = seq; // the usual case, without boxing a Long into the set
            return;
        }
        in.above.add(seq);
        while (!in.above.isEmpty() && in.above.first() == in.contiguous + 1) {
            in.contiguous = in.above.pollFirst();
        }
    }

    /** Highest link seq acknowledged by {@code peer} (0: none). */
    public synchronized long lastAcked(NodeId peer) {
        Outbox out = outboxes.get(peer);
        return out == null ? 0 : out.acked;
    }

    /** Highest link seq this node sent to {@code peer} (0: none): the next send takes the one after. */
    public synchronized long lastSent(NodeId peer) {
        Outbox out = outboxes.get(peer);
        return out == null ? 0 : out.lastSent;
    }

    /** Log indexes of the {@code MessageSent} entries {@code peer} has not acknowledged, in link seq order. */
    public synchronized long[] unacked(NodeId peer) {
        Outbox out = outboxes.get(peer);
        return out == null ? new long[0] : out.indexes.toArray();
    }

    /** How many sends {@code peer} has not acknowledged (what {@link #unacked} would list, without the copy). */
    public synchronized int unackedCount(NodeId peer) {
        Outbox out = outboxes.get(peer);
        return out == null ? 0 : out.indexes.size();
    }

    /** How many of those are copies of others' messages kept for {@code peer}, not this node's own sends. */
    public synchronized int unackedCopies(NodeId peer) {
        Outbox out = outboxes.get(peer);
        int copies = 0;
        for (int i = 0; out != null && i < out.copies.size(); i++) {
            copies += (int) out.copies.get(i);
        }
        return copies;
    }

    /**
     * How many of this node's own sends some recipient has not acknowledged, each counted once
     * however many of its recipients have not (per recipient, {@link #unackedCount} less
     * {@link #unackedCopies}, a message to two counts twice).
     */
    public synchronized int unackedOwnSends() {
        Set<Long> sends = new HashSet<>();
        for (Outbox out : outboxes.values()) {
            for (int i = 0; i < out.indexes.size(); i++) {
                if (out.copies.get(i) == 0) {
                    sends.add(out.indexes.get(i));
                }
            }
        }
        return sends.size();
    }

    /** Peers this node ever sent to or was acknowledged by. */
    public synchronized Set<NodeId> peers() {
        return Set.copyOf(outboxes.keySet());
    }

    /** Senders this node ever received from. */
    public synchronized Set<NodeId> senders() {
        return Set.copyOf(inboxes.keySet());
    }

    public synchronized ReceivedSeqs received(NodeId sender) {
        Inbox in = inboxes.get(sender);
        if (in == null) {
            return ReceivedSeqs.NONE;
        }
        return new ReceivedSeqs(in.contiguous, in.above.stream().mapToLong(Long::longValue).toArray());
    }
}

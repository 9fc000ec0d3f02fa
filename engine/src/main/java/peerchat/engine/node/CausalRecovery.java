package peerchat.engine.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import peerchat.engine.causal.CausalCore;
import peerchat.engine.causal.CausalReplay;
import peerchat.engine.causal.Incoming;
import peerchat.engine.causal.ReceiveResult;
import peerchat.store.event.Event;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.log.Logged;

/**
 * Rebuilds the causal core from the log at start, fed entry by entry in the store's one replay
 * pass: recorded sends are re-applied, recorded receives received again, in log order, which is the
 * order the core first saw them. What it also keeps: the messages still waiting for their causal
 * past, and the deliveries the core makes now that the log does not show (a crash came between a
 * receive and its delivery entry).
 */
final class CausalRecovery implements Consumer<Logged> {
    private final CausalCore<Payload> core;
    private final Map<MessageId, Event.MessageReceived> buffered = new LinkedHashMap<>();
    // Deliveries made here whose MessageDelivered entry has not come by yet: normally it follows
    // in the same batch; what is left at the end is what a crash cut off.
    private final Map<MessageId, Event.MessageReceived> awaitingLog = new LinkedHashMap<>();
    private long entries;
    /** Per peer, the highest link seq the log numbers for it: its sends, the copies kept for it, and what it acknowledged. */
    private final Map<NodeId, Long> numbered = new HashMap<>();
    /** Timestamps of this node's own that no send in the log has (skipped after a lost part, or unreadable entries). */
    private long skipped;
    /** Own sends whose metadata came out other than recorded (entries before them could not be read). */
    private long otherMetadata;

    CausalRecovery(NodeId self, int maxBufferedPerSender) {
        this.core = new CausalCore<>(self, maxBufferedPerSender);
    }

    @Override
    public void accept(Logged logged) {
        Event e = logged.event();
        entries++;
        if (e instanceof Event.MessageSent sent) {
            long before = core.clock();
            if (!CausalReplay.apply(core, e)) {
                otherMetadata++;
            }
            skipped += core.clock() - before - 1;
            sent.linkSeq().forEach((peer, seq) -> numbered.merge(peer, seq, Math::max));
        } else if (e instanceof Event.CustodyTaken c) {
            numbered.merge(c.forPeer(), c.linkSeq(), Math::max);
        } else if (e instanceof Event.PeerAcked a) {
            // As the node did when the peer told it (Messenger.aheadOfLog): the same skip, at the same place.
            long n = numbered.getOrDefault(a.id(), 0L);
            if (a.linkSeq() > n) {
                core.skipAhead(a.linkSeq() - n);
                skipped += a.linkSeq() - n;
                numbered.put(a.id(), a.linkSeq());
            }
        } else if (e instanceof Event.MessageReceived r) {
            ReceiveResult<Payload> result = core.receive(CausalReplay.incoming(r));
            if (result.status() == ReceiveResult.Status.BUFFERED) {
                buffered.put(r.id(), r);
            }
            for (Incoming<Payload> d : result.delivered()) {
                Event.MessageReceived was = d.id().equals(r.id()) ? r : buffered.remove(d.id());
                // Delivered at once: the entry itself says so, no MessageDelivered will follow.
                if (was != null && !(was == r && r.deliveredAtOnce())) {
                    awaitingLog.put(d.id(), was);
                }
            }
        } else if (e instanceof Event.MessageDelivered d) {
            awaitingLog.remove(d.id());
        }
    }

    CausalCore<Payload> core() {
        return core;
    }

    Map<MessageId, Event.MessageReceived> buffered() {
        return buffered;
    }

    List<Event.MessageReceived> deliveredButNotLogged() {
        return new ArrayList<>(awaitingLog.values());
    }

    long entries() {
        return entries;
    }

    /** Timestamps of this node's own that no readable send has (see {@link CausalCore#skipAhead}), and sends whose metadata came out other than recorded. */
    String gaps() {
        return skipped == 0 && otherMetadata == 0 ? "" : "; " + skipped + " of this node's own timestamps skipped or unreadable, "
                + otherMetadata + " sends with other metadata than recorded (entries before them could not be read)";
    }
}

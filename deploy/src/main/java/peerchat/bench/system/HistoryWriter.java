package peerchat.bench.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import peerchat.engine.causal.CausalCore;
import peerchat.engine.causal.Incoming;
import peerchat.engine.causal.Outgoing;
import peerchat.engine.causal.ReceiveResult;
import peerchat.engine.identity.Identity;
import peerchat.store.Store;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.event.Target;

/**
 * A data directory with a long history, written straight into the log with the store API rather
 * than sent over the network (a million messages through two processes would take the whole
 * benchmark). The history is what two nodes talking in #all would have logged: this node's sends
 * and the other's, in turn, with the causal metadata two real {@link CausalCore}s give them, so
 * that the node's replay at start checks and rebuilds it like any other log.
 */
public final class HistoryWriter {
    private static final int BATCH = 4096;

    private HistoryWriter() {
    }

    /** Writes identity and {@code messages} messages into {@code dataDir}; returns this node's id. */
    public static NodeId write(Path dataDir, String name, int messages) {
        Identity self = Identity.loadOrCreate(dataDir);
        Identity other = Identity.generate();
        NodeId me = self.id();
        NodeId them = other.id();
        CausalCore<Payload> mine = new CausalCore<>(me);
        CausalCore<Payload> theirs = new CausalCore<>(them);
        long ts = System.currentTimeMillis() - messages;
        long sentSeq = 0;
        long receivedSeq = 0;
        try (Store store = Store.open(dataDir.resolve("log"))) {
            List<Event> batch = new ArrayList<>();
            batch.add(new Event.IdentityCreated(me, name, self.publicKeyBase64(), ts));
            batch.add(new Event.PeerSeen(them, "history-peer", "127.0.0.254:7117", other.publicKeyBase64(), ts));
            for (int k = 0; k < messages; k++) {
                ts++;
                Payload chat = new Payload.Chat(new Target.Group(GroupName.ALL), "history message " + k + " with some ordinary text");
                if (k % 2 == 0) {
                    Outgoing<Payload> out = mine.send(Set.of(them), chat);
                    batch.add(new Event.MessageSent(out.id(), out.dests(), out.meta(), Map.of(them, ++sentSeq), chat, ts, ts));
                    deliverAll(theirs.receive(out.copyFor(them)));
                } else {
                    Outgoing<Payload> out = theirs.send(Set.of(me), chat);
                    Incoming<Payload> copy = out.copyFor(me);
                    ReceiveResult<Payload> r = mine.receive(copy);
                    Event.MessageReceived received = new Event.MessageReceived(out.id(), out.dests(), copy.meta(), ++receivedSeq, chat, ts, ts);
                    // As a node logs it: delivered at once, one entry (see Messenger.received).
                    if (r.delivered().size() != 1 || !r.delivered().get(0).id().equals(out.id())) {
                        throw new IllegalStateException("a message in turn must be delivered at once, alone");
                    }
                    batch.add(received.asDeliveredAtOnce());
                }
                if (batch.size() >= BATCH) {
                    store.appendAll(batch).block(Duration.ofMinutes(1));
                    batch.clear();
                }
            }
            // The other node has every one of ours: nothing is left to send it after a restart.
            batch.add(new Event.PeerAcked(them, sentSeq, ts));
            store.appendAll(batch).block(Duration.ofMinutes(1));
        }
        return me;
    }

    private static void deliverAll(ReceiveResult<Payload> r) {
        if (r.delivered().isEmpty()) {
            throw new IllegalStateException("a message in turn must be deliverable at once");
        }
    }
}

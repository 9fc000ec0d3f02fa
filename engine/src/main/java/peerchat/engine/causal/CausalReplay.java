package peerchat.engine.causal;

import java.util.Objects;
import peerchat.store.event.Event;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;

/**
 * Rebuilds a node's causal state from its log: its own {@link Event.MessageSent} events are
 * re-applied as sends (which must regenerate the recorded id and metadata exactly) and its
 * {@link Event.MessageReceived} events are received again, in log order. Everything else in the
 * log is irrelevant to the causal core and skipped. The deliveries a replay produces were already
 * recorded ({@link Event.MessageDelivered}); callers ignore them.
 */
public final class CausalReplay {
    private CausalReplay() {
    }

    /** A strict rebuild: a send whose metadata comes out other than recorded is refused. */
    public static CausalCore<Payload> rebuild(NodeId self, int maxBufferedPerSender, Iterable<? extends Event> log) {
        CausalCore<Payload> core = new CausalCore<>(self, maxBufferedPerSender);
        for (Event e : log) {
            if (!apply(core, e)) {
                throw new IllegalStateException("replaying " + ((Event.MessageSent) e).id() + " gave other metadata than the"
                        + " log recorded: the log is out of order or incomplete");
            }
        }
        return core;
    }

    /**
     * Feeds one logged event to {@code core}, if it is a causal input. False for a send whose
     * metadata came out other than the log recorded: the log is incomplete (entries that could not
     * be read), and the core goes on from a state a little short of the one it had then.
     */
    public static boolean apply(CausalCore<Payload> core, Event event) {
        Objects.requireNonNull(event, "event");
        if (event instanceof Event.MessageSent sent) {
            Outgoing<Payload> again = core.replaySend(sent.id(), sent.destinations(), sent.payload());
            return again.meta().equals(sent.meta());
        } else if (event instanceof Event.MessageReceived received) {
            core.receive(incoming(received));
        }
        return true;
    }

    /** The copy a logged receive stands for. */
    public static Incoming<Payload> incoming(Event.MessageReceived received) {
        return new Incoming<>(received.id(), received.destinations(), received.meta(), received.payload());
    }
}

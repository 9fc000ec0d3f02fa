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

    public static CausalCore<Payload> rebuild(NodeId self, int maxBufferedPerSender, Iterable<? extends Event> log) {
        CausalCore<Payload> core = new CausalCore<>(self, maxBufferedPerSender);
        for (Event e : log) {
            apply(core, e);
        }
        return core;
    }

    /** Feeds one logged event to {@code core}, if it is a causal input. */
    public static void apply(CausalCore<Payload> core, Event event) {
        Objects.requireNonNull(event, "event");
        if (event instanceof Event.MessageSent sent) {
            Outgoing<Payload> again = core.replaySend(sent.id(), sent.destinations(), sent.payload());
            if (!again.meta().equals(sent.meta())) {
                throw new IllegalStateException("replaying " + sent.id() + " gave other metadata than the log recorded:"
                        + " the log is out of order or incomplete");
            }
        } else if (event instanceof Event.MessageReceived received) {
            core.receive(incoming(received));
        }
    }

    /** The copy a logged receive stands for. */
    public static Incoming<Payload> incoming(Event.MessageReceived received) {
        return new Incoming<>(received.id(), received.destinations(), received.meta(), received.payload());
    }
}

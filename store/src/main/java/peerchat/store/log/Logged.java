package peerchat.store.log;

import java.util.Objects;
import peerchat.store.event.Event;

/** An event as it sits in the log: {@code index} is its Chronicle index, increasing in log order. */
public record Logged(long index, Event event) {
    public Logged {
        Objects.requireNonNull(event, "event");
    }
}

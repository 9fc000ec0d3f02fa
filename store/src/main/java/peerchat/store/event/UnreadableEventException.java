package peerchat.store.event;

/** A log entry that this version of the code cannot turn back into an event; the reason says why. */
public final class UnreadableEventException extends Exception {
    public UnreadableEventException(String reason) {
        super(reason);
    }

    public UnreadableEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

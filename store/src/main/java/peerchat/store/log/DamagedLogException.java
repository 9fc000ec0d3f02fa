package peerchat.store.log;

/** The log cannot be read to its end: starting on what is readable would lose what is written next. */
public final class DamagedLogException extends IllegalStateException {
    DamagedLogException(String message) {
        super(message);
    }
}

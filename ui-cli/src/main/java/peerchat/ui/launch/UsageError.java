package peerchat.ui.launch;

/** The flags cannot start a node; the message says what to write instead. Exit status 2. */
public final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageError(String message) {
        super(message);
    }
}

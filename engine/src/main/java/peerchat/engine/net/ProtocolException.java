package peerchat.engine.net;

/** A peer broke the protocol; the message is the reason logged when its connection is closed. */
final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProtocolException(String reason) {
        super(reason, null, false, false);
    }
}

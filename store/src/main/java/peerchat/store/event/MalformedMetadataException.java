package peerchat.store.event;

/** Bytes that are not metadata in {@link MetadataCodec}'s form; the message says what is wrong and where. */
public final class MalformedMetadataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedMetadataException(String message) {
        super("malformed causal metadata: " + message);
    }
}

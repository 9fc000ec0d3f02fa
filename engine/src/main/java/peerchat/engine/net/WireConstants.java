package peerchat.engine.net;

/**
 * Everything that defines the wire, in one place. Inside TLS 1.3 ({@link LinkTls}), a frame is a 4-byte big-endian length, then
 * that many bytes: one type byte and the type's body. HELLO, PROOF and GOSSIP bodies are Jackson
 * Smile; DATA (seq, opaque body), ACK (seq) and HEARTBEAT (empty) are fixed binary layouts because
 * they are the hot path.
 */
public final class WireConstants {
    private WireConstants() {
    }

    /**
     * Bumped on any incompatible change; a peer speaking another version is refused. 2: links are
     * TLS 1.3 and the key proof signs the certificates' fingerprints (a version-1 node's plain
     * HELLO is refused by TLS before it is read).
     */
    public static final int PROTOCOL_VERSION = 2;

    /** Hard upper bound of one frame (type byte + body), whatever the config says. */
    public static final int MAX_FRAME_BYTES = 1 << 20;
    /** Bytes of a DATA frame around its body: type + seq. */
    public static final int DATA_OVERHEAD = 1 + 8;
    /** The largest opaque body a DATA frame can carry. */
    public static final int MAX_BODY_BYTES = MAX_FRAME_BYTES - DATA_OVERHEAD;
    /** Peers listed in one HELLO or GOSSIP frame at most; more is treated as abuse. */
    public static final int MAX_GOSSIP_PEERS = 4096;
    /** Bytes of the handshake nonce each side asks the other to sign. */
    public static final int NONCE_BYTES = 32;
    /** Display names longer than this are refused: in a handshake as in a rename message. */
    public static final int MAX_NAME_CHARS = peerchat.store.event.Payload.Rename.MAX_NAME_CHARS;
    /** What the key proof signs, so a signature made for anything else never counts. */
    public static final String PROOF_CONTEXT = "peerchat-link-proof-v2";

    public static final byte HELLO = 1;
    public static final byte PROOF = 2;
    public static final byte DATA = 3;
    public static final byte ACK = 4;
    public static final byte HEARTBEAT = 5;
    public static final byte GOSSIP = 6;
    /**
     * The sender is shutting down, so its peer shows it offline at once, not after the grace a
     * link that just dropped gets; the body is its user's parting words ({@code /quit see you}),
     * UTF-8, often none. Added within version 2: a node that
     * does not know it closes the connection on it, which is closing anyway.
     */
    public static final byte BYE = 7;
    public static final int MAX_PARTING_BYTES = PartingWords.MAX_BYTES;

    static String typeName(byte type) {
        switch (type) {
            case HELLO: return "HELLO";
            case PROOF: return "PROOF";
            case DATA: return "DATA";
            case ACK: return "ACK";
            case HEARTBEAT: return "HEARTBEAT";
            case GOSSIP: return "GOSSIP";
            case BYE: return "BYE";
            default: return "unknown type " + (type & 0xff);
        }
    }
}

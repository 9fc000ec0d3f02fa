package peerchat.engine.node;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import peerchat.engine.identity.Identity;
import peerchat.store.event.NodeId;

/**
 * One destination's copy of a message, sealed by its sender so that another node can pass it on:
 * the body exactly as the sender would have sent it to {@code forPeer}, the sender's link number
 * for it, the sender's public key and its Ed25519 signature over all of that. A node that passes it
 * on cannot change it or make one up: the receiver checks the signature and that the key is the
 * one the message's sender id is made from. Passed on only to destinations of the same message, so
 * nobody gets a text that was not written to them too.
 *
 * <pre>
 * 'R' | version 1 | id length (1) + forPeer id (ASCII) | origin link seq (8)
 *     | key length (2) + key (X.509) | signature length (2) + signature | body (the rest)
 * </pre>
 *
 * A first byte of {@code 'R'} tells an envelope from a message body (Smile, which starts with
 * {@code ':'}) on a link.
 */
record RelayEnvelope(NodeId forPeer, long originSeq, byte[] publicKey, byte[] signature, byte[] body) {
    static final byte MARK = 'R';
    static final int VERSION = 1;
    private static final byte[] CONTEXT = "peerchat relay 1\0".getBytes(StandardCharsets.US_ASCII);

    RelayEnvelope {
        Objects.requireNonNull(forPeer, "forPeer");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(body, "body");
    }

    static boolean isEnvelope(byte[] bytes) {
        return bytes.length > 0 && bytes[0] == MARK;
    }

    /** {@code body}, the copy for {@code forPeer} numbered {@code originSeq} on the sender's link to it, sealed by {@code sender}. */
    static byte[] seal(Identity sender, NodeId forPeer, long originSeq, byte[] body) {
        byte[] key = sender.publicKey();
        byte[] signature = sender.sign(signed(forPeer, originSeq, body));
        byte[] id = forPeer.value().getBytes(StandardCharsets.US_ASCII);
        return BinaryForm.write(body.length + key.length + signature.length + id.length + 16, out -> {
            out.writeByte(MARK);
            out.writeByte(VERSION);
            out.writeByte(id.length);
            out.write(id);
            out.writeLong(originSeq);
            out.writeShort(key.length);
            out.write(key);
            out.writeShort(signature.length);
            out.write(signature);
            out.write(body);
        });
    }

    /** Reads an envelope (its signature not checked yet: {@link #verified}). */
    static RelayEnvelope open(byte[] bytes) throws WireCodec.MalformedBody {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.get() != MARK) {
                throw new WireCodec.MalformedBody("not a relayed copy", null);
            }
            int version = in.get();
            if (version != VERSION) {
                throw new WireCodec.MalformedBody("relayed copy of unknown version " + version, null);
            }
            NodeId forPeer = NodeId.of(new String(take(in, in.get() & 0xff), StandardCharsets.US_ASCII));
            long originSeq = in.getLong();
            if (originSeq < 1) {
                throw new WireCodec.MalformedBody("relayed copy with link number " + originSeq, null);
            }
            byte[] key = take(in, in.getShort() & 0xffff);
            byte[] signature = take(in, in.getShort() & 0xffff);
            return new RelayEnvelope(forPeer, originSeq, key, signature, take(in, in.remaining()));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new WireCodec.MalformedBody("truncated or malformed relayed copy: " + e.getMessage(), e);
        }
    }

    private static byte[] take(ByteBuffer in, int n) {
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    /** The node whose key sealed it: the only one it may be a message of. */
    NodeId origin() {
        return Identity.idOf(publicKey);
    }

    boolean verified() {
        return Identity.verify(publicKey, signed(forPeer, originSeq, body), signature);
    }

    private static byte[] signed(NodeId forPeer, long originSeq, byte[] body) {
        byte[] id = forPeer.value().getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(CONTEXT.length + id.length + 1 + 8 + body.length)
                .put(CONTEXT).put(id).put((byte) 0).putLong(originSeq).put(body).array();
    }
}

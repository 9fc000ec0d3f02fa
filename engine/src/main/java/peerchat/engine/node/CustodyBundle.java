package peerchat.engine.node;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A destination's copy of a message with sealed copies of the same message for destinations its
 * sender has no link to ({@link RelayEnvelope}s), for this one to keep and pass on:
 *
 * <pre>
 * 'K' | version 1 | count (2) | count x (length (4) + envelope) | the copy's own body (the rest)
 * </pre>
 */
record CustodyBundle(List<byte[]> envelopes, byte[] body) {
    static final byte MARK = 'K';
    static final int VERSION = 1;

    CustodyBundle {
        envelopes = List.copyOf(envelopes);
    }

    static boolean isBundle(byte[] bytes) {
        return bytes.length > 0 && bytes[0] == MARK;
    }

    static byte[] wrap(List<byte[]> envelopes, byte[] body) {
        return BinaryForm.write(body.length + envelopes.stream().mapToInt(e -> e.length + 4).sum() + 4, out -> {
            out.writeByte(MARK);
            out.writeByte(VERSION);
            out.writeShort(envelopes.size());
            for (byte[] e : envelopes) {
                out.writeInt(e.length);
                out.write(e);
            }
            out.write(body);
        });
    }

    static CustodyBundle unwrap(byte[] bytes) throws WireCodec.MalformedBody {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.get() != MARK || in.get() != VERSION) {
                throw new WireCodec.MalformedBody("not a custody bundle of version " + VERSION, null);
            }
            int count = in.getShort() & 0xffff;
            List<byte[]> envelopes = new ArrayList<>(Math.min(count, 64));
            for (int i = 0; i < count; i++) {
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw new WireCodec.MalformedBody("custody bundle: envelope of " + length + " bytes in " + in.remaining(), null);
                }
                byte[] e = new byte[length];
                in.get(e);
                envelopes.add(e);
            }
            byte[] body = new byte[in.remaining()];
            in.get(body);
            return new CustodyBundle(envelopes, body);
        } catch (BufferUnderflowException e) {
            throw new WireCodec.MalformedBody("truncated custody bundle", e);
        }
    }
}

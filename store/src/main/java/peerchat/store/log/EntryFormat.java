package peerchat.store.log;

import net.openhft.chronicle.bytes.Bytes;
import peerchat.store.event.Event;
import peerchat.store.event.EventCodec;
import peerchat.store.event.EventType;
import peerchat.store.event.UnreadableEventException;

/**
 * The layout of one Chronicle document: int schema version, byte event type tag, then the
 * Jackson body to the end of the document. Kept in one place so that the writer, every reader and
 * the benchmarks agree.
 */
final class EntryFormat {
    static final int HEADER_BYTES = Integer.BYTES + Byte.BYTES;

    private EntryFormat() {
    }

    static void write(Bytes<?> out, int tag, byte[] body) {
        out.writeInt(EventCodec.SCHEMA_VERSION);
        out.writeByte((byte) tag);
        out.write(body);
    }

    /** Reads the document in {@code in} (positioned at its start, limited to its end); see {@link EventCodec#decodeSummary}. */
    static Event read(Bytes<?> in, EventCodec codec, boolean summary, byte[][] scratch) throws UnreadableEventException {
        int header = readHeader(in);
        int length = (int) in.readRemaining();
        byte[] buffer = scratch[0];
        if (buffer.length < length) {
            buffer = new byte[Math.max(length, buffer.length * 2)];
            scratch[0] = buffer;
        }
        in.read(buffer, 0, length);
        return decode(codec, summary, header, buffer, 0, length);
    }

    /**
     * Reads and checks the envelope, leaving {@code in} at the body: returns version and tag packed
     * as {@code version << 8 | tag}, for {@link #decode}.
     */
    static int readHeader(Bytes<?> in) throws UnreadableEventException {
        long remaining = in.readRemaining();
        if (remaining < HEADER_BYTES) {
            throw new UnreadableEventException("entry of " + remaining + " bytes is shorter than its header");
        }
        int version = in.readInt();
        int tag = in.readUnsignedByte();
        if (version > EventCodec.SCHEMA_VERSION || version < 1) {
            throw new UnreadableEventException("schema version " + version + " (this code reads 1.." + EventCodec.SCHEMA_VERSION + ")");
        }
        if (EventType.ofTag(tag) == null) {
            throw new UnreadableEventException("unknown event type tag " + tag);
        }
        return version << 8 | tag;
    }

    static Event decode(EventCodec codec, boolean summary, int header, byte[] body, int offset, int length)
            throws UnreadableEventException {
        int version = header >>> 8;
        int tag = header & 0xFF;
        return summary ? codec.decodeSummary(version, tag, body, offset, length) : codec.decode(version, tag, body, offset, length);
    }
}

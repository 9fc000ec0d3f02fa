package peerchat.store.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compact wire form of one copy's KS metadata ({@code List<Dependency>} to bytes and back).
 * Node ids are long (a 32-hex-digit id is 16 bytes) and the same few recur in every entry, so each
 * appears once in a table at the front and entries refer to it by index; numbers are unsigned
 * LEB128 varints. A destination set is written as a list of indices or as a bitmap over the table,
 * whichever is shorter (a broadcast among 64 processes costs 8 bytes, not 63).
 *
 * <pre>
 * version(1)  varint N  N x id  varint E  E x entry
 * id    = byte L (hex digits, 8-64), ceil(L/2) bytes of packed hex, high nibble first
 * entry = varint sender-index, varint t (>= 1), varint (count &lt;&lt; 1 | form),
 *         form 0: count x varint index (ascending); form 1: ceil(N/8) bytes bitmap, count bits set
 * </pre>
 *
 * <p>Pure and stateless; decoding anything else throws {@link MalformedMetadataException}, never
 * another exception, and never allocates more than the input's size justifies.
 */
public final class MetadataCodec {
    public static final int VERSION = 1;
    private static final int MIN_ID_DIGITS = 8;
    private static final int MAX_ID_DIGITS = 64;

    private MetadataCodec() {
    }

    /** The packed form of {@code meta}; the array may be shared: never change it. */
    public static byte[] encode(List<Dependency> meta) {
        Known known = KNOWN[slotOf(meta)];
        if (known != null && known.meta == meta) {
            return known.bytes;
        }
        byte[] bytes = pack(meta);
        if (List.copyOf(meta) == meta) { // immutable (copyOf returns those as they are): safe to remember
            KNOWN[slotOf(meta)] = new Known(meta, bytes);
        }
        return bytes;
    }

    private static byte[] pack(List<Dependency> meta) {
        // Sent once per destination of every message: no streams, no boxing, one growing buffer.
        Map<NodeId, Integer> table = new HashMap<>();
        List<NodeId> ids = new ArrayList<>();
        for (Dependency d : meta) {
            index(d.sender(), table, ids);
            for (NodeId x : d.destinations()) {
                index(x, table, ids);
            }
        }
        Out out = new Out(16 + 18 * ids.size() + 6 * meta.size());
        out.write(VERSION);
        out.varint(ids.size());
        for (NodeId id : ids) {
            out.id(id);
        }
        out.varint(meta.size());
        int bitmapBytes = (ids.size() + 7) / 8;
        for (Dependency d : meta) {
            if (d.t() < 1) {
                throw new IllegalArgumentException("timestamps start at 1: " + d);
            }
            out.varint(table.get(d.sender()));
            out.varint(d.t());
            int count = d.destinations().size();
            int[] indices = new int[count];
            int k = 0;
            for (NodeId x : d.destinations()) {
                indices[k++] = table.get(x);
            }
            Arrays.sort(indices);
            int listBytes = 0;
            for (int i : indices) {
                listBytes += varintSize(i);
            }
            if (bitmapBytes < listBytes) {
                out.varint(((long) count << 1) | 1);
                int at = out.skip(bitmapBytes);
                for (int i : indices) {
                    out.buf[at + (i >>> 3)] |= (byte) (1 << (i & 7));
                }
            } else {
                out.varint((long) count << 1);
                for (int i : indices) {
                    out.varint(i);
                }
            }
        }
        return out.toByteArray();
    }

    public static List<Dependency> decode(byte[] bytes) {
        if (bytes == null) {
            throw new MalformedMetadataException("no metadata");
        }
        Reader in = new Reader(bytes);
        int version = in.u8();
        if (version != VERSION) {
            throw new MalformedMetadataException("unknown metadata version " + version + " (expected " + VERSION + ")");
        }
        NodeId[] ids = readIds(in);
        int n = ids.length;
        int entries = in.count("entries", 3);
        int bitmapBytes = (n + 7) / 8;
        List<Dependency> meta = new ArrayList<>(entries);
        for (int e = 0; e < entries; e++) {
            NodeId sender = ids[in.index(n)];
            long t = in.varint();
            if (t < 1) {
                throw new MalformedMetadataException("entry " + e + ": timestamp " + t + " (they start at 1)");
            }
            long shape = in.varint();
            long count = shape >>> 1;
            if (count > n) {
                throw new MalformedMetadataException("entry " + e + ": " + count + " destinations among " + n + " ids");
            }
            NodeId[] dests = new NodeId[(int) count];
            if ((shape & 1) == 1) {
                byte[] bitmap = in.bytes(bitmapBytes);
                int found = 0;
                for (int i = 0; i < n; i++) {
                    if ((bitmap[i >>> 3] & (1 << (i & 7))) != 0) {
                        if (found == count) {
                            throw new MalformedMetadataException("entry " + e + ": bitmap has more than " + count + " bits");
                        }
                        dests[found++] = ids[i];
                    }
                }
                if (found != count || (n % 8 != 0 && bitmapBytes > 0 && (bitmap[bitmapBytes - 1] & 0xff) >>> (n % 8) != 0)) {
                    throw new MalformedMetadataException("entry " + e + ": bitmap does not hold " + count + " ids");
                }
            } else {
                int previous = -1;
                for (int i = 0; i < count; i++) {
                    int index = in.index(n);
                    if (index <= previous) {
                        throw new MalformedMetadataException("entry " + e + ": destination indices not ascending");
                    }
                    previous = index;
                    dests[i] = ids[index];
                }
            }
            meta.add(new Dependency(sender, t, Set.of(dests)));
        }
        if (in.remaining() != 0) {
            throw new MalformedMetadataException(in.remaining() + " bytes after the last entry");
        }
        List<Dependency> decoded = List.copyOf(meta);
        KNOWN[slotOf(decoded)] = new Known(decoded, bytes);
        return decoded;
    }

    /**
     * A set of ids alone, for the log: {@code varint N, N x id} (ids as in the metadata's table).
     * A message's destinations are most of its ids once its metadata is packed.
     */
    public static byte[] encodeIds(Set<NodeId> ids) {
        Out out = new Out(2 + 17 * ids.size());
        out.varint(ids.size());
        for (NodeId id : ids) {
            out.id(id);
        }
        return out.toByteArray();
    }

    /** What {@link #encodeIds} wrote; anything else is a {@link MalformedMetadataException}. */
    public static Set<NodeId> decodeIds(byte[] bytes) {
        if (bytes == null) {
            throw new MalformedMetadataException("no ids");
        }
        Reader in = new Reader(bytes);
        NodeId[] ids = readIds(in);
        if (in.remaining() != 0) {
            throw new MalformedMetadataException(in.remaining() + " bytes after the last id");
        }
        try {
            return Set.of(ids);
        } catch (IllegalArgumentException e) {
            throw new MalformedMetadataException("an id given twice");
        }
    }

    /*
     * Immutable lists encoded or decoded lately, with their bytes, by identity: the same list is
     * encoded more than once (a sent message's metadata for the log, then for the wire; a received
     * copy's, decoded from the wire, then encoded for the log), and the bytes are the same each
     * time, or, for a list decode returned, the bytes it came from. Those decode to the same list;
     * only their form may differ from what encode would write (decode takes any valid form: table
     * order, list or bitmap), and it is the sender's, bounded by the frame it came in. Racy on
     * purpose, like the id caches below.
     */
    private record Known(List<Dependency> meta, byte[] bytes) {
    }

    private static final Known[] KNOWN = new Known[256];

    private static int slotOf(List<Dependency> meta) {
        return System.identityHashCode(meta) & (KNOWN.length - 1);
    }

    private static void index(NodeId id, Map<NodeId, Integer> table, List<NodeId> ids) {
        if (!table.containsKey(id)) {
            table.put(id, ids.size());
            ids.add(id);
        }
    }

    /** {@code varint N, N x id}. */
    private static NodeId[] readIds(Reader in) {
        NodeId[] ids = new NodeId[in.count("node ids", 1 + MIN_ID_DIGITS / 2)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = readId(in);
        }
        return ids;
    }

    private static NodeId readId(Reader in) {
        int digits = in.u8();
        if (digits < MIN_ID_DIGITS || digits > MAX_ID_DIGITS) {
            throw new MalformedMetadataException("node id of " + digits + " hex digits (8-64 allowed)");
        }
        int length = (digits + 1) / 2;
        int at = in.skip(length);
        byte[] buf = in.bytes;
        Packed seen = DECODED[slot(buf, at) & (DECODED.length - 1)];
        if (seen != null && seen.id.value().length() == digits && Arrays.equals(seen.bytes, 0, length, buf, at, at + length)) {
            return seen.id;
        }
        char[] hex = new char[digits];
        for (int i = 0; i < digits; i++) {
            int b = buf[at + i / 2] & 0xff;
            hex[i] = Character.forDigit(i % 2 == 0 ? b >>> 4 : b & 0xf, 16);
        }
        if (digits % 2 == 1 && (buf[at + length - 1] & 0xf) != 0) {
            throw new MalformedMetadataException("node id padding is not zero");
        }
        NodeId id = NodeId.of(new String(hex));
        DECODED[slot(buf, at) & (DECODED.length - 1)] = new Packed(Arrays.copyOfRange(buf, at, at + length), id);
        return id;
    }

    /** Ids are hashes of keys: their first bytes are as good a hash as any. */
    private static int slot(byte[] packed, int at) {
        return (packed[at] & 0xff) | (packed[at + 1] & 0xff) << 8;
    }

    /** An id and its packed hex ({@code ceil(digits / 2)} bytes, high nibble first). */
    private record Packed(byte[] bytes, NodeId id) {
        static Packed of(NodeId id) {
            String hex = id.value();
            byte[] bytes = new byte[(hex.length() + 1) / 2];
            for (int i = 0; i < hex.length(); i++) {
                int nibble = Character.digit(hex.charAt(i), 16);
                bytes[i / 2] |= (byte) (i % 2 == 0 ? nibble << 4 : nibble);
            }
            return new Packed(bytes, id);
        }
    }

    /*
     * Ids packed and unpacked lately: every copy of every message names the same few, and a hit
     * costs comparing a few bytes instead of converting hex, checking and hashing a new id. Racy
     * on purpose (as NodeId.of): a slot holds an immutable pair, so a reader sees a whole one or
     * an older one, and a lost write only costs a miss. The codec stays pure: a cache hit returns
     * exactly what a miss would compute.
     */
    private static final Packed[] DECODED = new Packed[256];
    private static final Packed[] ENCODED = new Packed[256];

    private static byte[] packed(NodeId id) {
        int slot = id.hashCode() & (ENCODED.length - 1);
        Packed seen = ENCODED[slot];
        if (seen != null && seen.id.equals(id)) {
            return seen.bytes;
        }
        Packed p = Packed.of(id);
        ENCODED[slot] = p;
        return p.bytes;
    }

    /** An unsynchronized, growing byte buffer (ByteArrayOutputStream locks on every byte). */
    private static final class Out {
        byte[] buf;
        int size;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        /** Reserves {@code n} zero bytes; returns where they start. */
        int skip(int n) {
            ensure(n);
            int at = size;
            size += n;
            return at;
        }

        void varint(long value) {
            ensure(10);
            while ((value & ~0x7fL) != 0) {
                buf[size++] = (byte) ((value & 0x7f) | 0x80);
                value >>>= 7;
            }
            buf[size++] = (byte) value;
        }

        void id(NodeId id) {
            byte[] packed = packed(id);
            int at = skip(1 + packed.length);
            buf[at] = (byte) id.value().length();
            System.arraycopy(packed, 0, buf, at + 1, packed.length);
        }

        byte[] toByteArray() {
            return size == buf.length ? buf : Arrays.copyOf(buf, size);
        }
    }

    private static int varintSize(long value) {
        int size = 1;
        while ((value & ~0x7fL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    /** Bounds-checked reading; every failure is a {@link MalformedMetadataException}. */
    private static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int remaining() {
            return bytes.length - at;
        }

        int u8() {
            if (at >= bytes.length) {
                throw new MalformedMetadataException("truncated at byte " + at);
            }
            return bytes[at++] & 0xff;
        }

        byte[] bytes(int n) {
            int from = skip(n);
            return Arrays.copyOfRange(bytes, from, from + n);
        }

        /** Moves past {@code n} bytes; returns where they start. */
        int skip(int n) {
            if (n > remaining()) {
                throw new MalformedMetadataException("truncated: " + n + " bytes wanted at byte " + at + ", "
                        + remaining() + " left");
            }
            int from = at;
            at += n;
            return from;
        }

        /** A non-negative varint of at most 63 bits. */
        long varint() {
            long value = 0;
            for (int shift = 0; shift < 63; shift += 7) {
                int b = u8();
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new MalformedMetadataException("varint longer than 9 bytes at byte " + at);
        }

        /** A count of items each at least {@code minBytes} long: it cannot exceed what is left. */
        int count(String what, int minBytes) {
            long n = varint();
            if (n > remaining() / minBytes) {
                throw new MalformedMetadataException(n + " " + what + " cannot fit in the " + remaining() + " bytes left");
            }
            return (int) n;
        }

        int index(int size) {
            long i = varint();
            if (i >= size) {
                throw new MalformedMetadataException("id index " + i + " outside the table of " + size);
            }
            return (int) i;
        }
    }
}

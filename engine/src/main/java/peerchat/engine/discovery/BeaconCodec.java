package peerchat.engine.discovery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import peerchat.store.event.NodeId;

/** Beacon datagrams to bytes and back. Pure: no sockets, so every malformed case is tested directly. */
final class BeaconCodec {
    private BeaconCodec() {
    }

    static byte[] encode(BeaconMessage message) {
        byte[] id = message.id().value().getBytes(StandardCharsets.US_ASCII);
        byte[] address = message.listen().getAddress().getAddress();
        ByteBuffer out = ByteBuffer.allocate(4 + 1 + 1 + id.length + 1 + address.length + 2);
        out.putInt(BeaconWire.MAGIC)
                .put((byte) BeaconWire.VERSION)
                .put((byte) id.length)
                .put(id)
                .put((byte) address.length)
                .put(address)
                .putShort((short) message.listen().getPort());
        return out.array();
    }

    static BeaconMessage decode(byte[] datagram) throws MalformedBeaconException {
        if (datagram.length > BeaconWire.MAX_DATAGRAM) {
            throw new MalformedBeaconException("oversized datagram (" + datagram.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(datagram);
        try {
            int magic = in.getInt();
            if (magic != BeaconWire.MAGIC) {
                throw new MalformedBeaconException("wrong magic 0x" + Integer.toHexString(magic));
            }
            int version = Byte.toUnsignedInt(in.get());
            if (version != BeaconWire.VERSION) {
                throw new MalformedBeaconException("unknown version " + version);
            }
            NodeId id = readId(in);
            InetAddress address = readAddress(in);
            int port = Short.toUnsignedInt(in.getShort());
            if (port == 0) {
                throw new MalformedBeaconException("port 0");
            }
            if (in.hasRemaining()) {
                throw new MalformedBeaconException(in.remaining() + " trailing bytes");
            }
            return new BeaconMessage(id, new InetSocketAddress(address, port));
        } catch (BufferUnderflowException e) {
            throw new MalformedBeaconException("truncated datagram (" + datagram.length + " bytes)");
        }
    }

    private static NodeId readId(ByteBuffer in) throws MalformedBeaconException {
        int length = Byte.toUnsignedInt(in.get());
        if (length > BeaconWire.MAX_ID_LENGTH) {
            throw new MalformedBeaconException("node id of " + length + " bytes");
        }
        byte[] id = new byte[length];
        in.get(id);
        try {
            return new NodeId(new String(id, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new MalformedBeaconException("bad node id");
        }
    }

    private static InetAddress readAddress(ByteBuffer in) throws MalformedBeaconException {
        int length = Byte.toUnsignedInt(in.get());
        if (length != 4 && length != 16) {
            throw new MalformedBeaconException("address of " + length + " bytes");
        }
        byte[] address = new byte[length];
        in.get(address);
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new MalformedBeaconException("bad address");
        }
    }
}

package peerchat.engine.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;

/** A hand-driven peer on a plain socket: sends exactly the bytes a test wants, well formed or not. */
final class RawPeer implements AutoCloseable {
    private final Socket socket = new Socket();
    private final OutputStream out;
    private final DataInputStream in;

    RawPeer(String localHost, InetSocketAddress target) throws IOException {
        socket.bind(new InetSocketAddress(localHost, 0));
        socket.connect(target, 5000);
        socket.setSoTimeout(20_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    int localPort() {
        return socket.getLocalPort();
    }

    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** A frame as the codec writes it (length prefix included). */
    void frame(Frame f) throws IOException {
        ByteBuf buf = FrameCodec.encode(ByteBufAllocator.DEFAULT, f);
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            raw(bytes);
        } finally {
            buf.release();
        }
    }

    /** A frame of any type byte and body, with a correct length prefix. */
    void frame(int type, byte[] body) throws IOException {
        raw(ByteBuffer.allocate(5 + body.length).putInt(1 + body.length).put((byte) type).put(body).array());
    }

    Frame read() throws IOException {
        int length = in.readInt();
        byte[] body = new byte[length];
        in.readFully(body);
        return FrameCodec.decode(Unpooled.wrappedBuffer(body));
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** True once the node has closed the connection (reads reach the end, or the socket is reset). */
    boolean closedByNode() throws IOException {
        try {
            byte[] sink = new byte[8192];
            while (true) {
                if (in.read(sink) < 0) {
                    return true;
                }
            }
        } catch (SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

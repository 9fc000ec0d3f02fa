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
import java.security.SecureRandom;
import javax.net.ssl.SSLSocket;
import peerchat.store.event.NodeId;

/**
 * A hand-driven peer: sends exactly the bytes a test wants, well formed or not, inside TLS as a
 * node does (with a certificate of its own), or on the bare socket.
 */
final class RawPeer implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final byte[] ownCert;

    /** TLS, as a node. */
    RawPeer(String localHost, InetSocketAddress target) throws IOException {
        this(localHost, target, true);
    }

    RawPeer(String localHost, InetSocketAddress target, boolean tls) throws IOException {
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(localHost, 0));
        plain.connect(target, 5000);
        plain.setSoTimeout(20_000);
        if (tls) {
            EphemeralCertificate cert = EphemeralCertificate.create(new SecureRandom());
            SSLSocket s = (SSLSocket) TestTls.context(cert).getSocketFactory().createSocket(plain, localHost, target.getPort(), true);
            s.setUseClientMode(true);
            s.startHandshake();
            socket = s;
            ownCert = LinkTls.fingerprint(cert.certificate());
        } else {
            socket = plain;
            ownCert = null;
        }
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /**
     * What {@code signer}'s key proof to {@code verifier} (the node) signs on this connection, as
     * a node would compute it.
     */
    byte[] proofData(byte[] nodeNonce, NodeId signer, NodeId verifier) throws IOException {
        byte[] nodeCert = LinkTls.fingerprint(((SSLSocket) socket).getSession().getPeerCertificates()[0]);
        return Handshake.proofData(nodeNonce, signer, verifier, ownCert, nodeCert);
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

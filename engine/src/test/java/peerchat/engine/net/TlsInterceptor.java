package peerchat.engine.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A man in the middle on loopback: ends the TLS of whoever dials it with a certificate of its
 * own, dials the target with another, and relays what it reads in clear between the two,
 * keeping a copy. What an attacker on the LAN who can redirect a connection would do.
 */
final class TlsInterceptor implements AutoCloseable {
    private final ServerSocket server = new ServerSocket();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    private final SSLContext towardDialer;
    private final SSLContext towardTarget;
    private final String host;
    private final InetSocketAddress target;

    TlsInterceptor(String host, InetSocketAddress target) throws IOException {
        this.host = host;
        this.target = target;
        towardDialer = TestTls.context(EphemeralCertificate.create(new SecureRandom()));
        towardTarget = TestTls.context(EphemeralCertificate.create(new SecureRandom()));
        server.bind(new InetSocketAddress(host, 0));
        Thread acceptor = new Thread(this::accept, "mitm-accept-" + host);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** What it read in clear so far, both ways. */
    String seen() {
        synchronized (seen) {
            return seen.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket plainDown = server.accept();
                SSLSocket down = (SSLSocket) towardDialer.getSocketFactory().createSocket(plainDown, null, plainDown.getPort(), true);
                down.setUseClientMode(false);
                down.setNeedClientAuth(true);
                Socket plainUp = new Socket();
                plainUp.bind(new InetSocketAddress(host, 0));
                plainUp.connect(target, 5000);
                SSLSocket up = (SSLSocket) towardTarget.getSocketFactory().createSocket(plainUp, host, target.getPort(), true);
                up.setUseClientMode(true);
                sockets.add(down);
                sockets.add(up);
                relay(down, up);
                relay(up, down);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void relay(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (seen) {
                        seen.write(buf, 0, n);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // either end closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "mitm-relay");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }
}

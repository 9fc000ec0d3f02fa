package peerchat.engine.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP relay on loopback that a test can break: {@link #cut()} resets every connection through
 * it (bytes in flight are lost), {@link #blackhole()} freezes them without closing (only
 * heartbeats can tell). New connections always pass. {@link #tap()} keeps a copy of every byte
 * relayed from then on, as someone on the wire would see it.
 */
final class CuttableProxy implements AutoCloseable {
    private final ServerSocket server = new ServerSocket();
    private final Set<Pipe> pipes = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
    private final String host;
    private volatile InetSocketAddress target;
    private volatile Set<String> blocked = Set.of();
    private volatile boolean shut;
    private volatile ByteArrayOutputStream tapped;

    CuttableProxy(String host) throws IOException {
        this.host = host;
        server.bind(new InetSocketAddress(host, 0));
        Thread acceptor = new Thread(this::accept, "proxy-accept-" + host);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    void target(InetSocketAddress t) {
        target = t;
    }

    int connections() {
        return pipes.size();
    }

    /** Connections relayed since the start, cut ones included. */
    int accepted() {
        return accepted.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (blocked.contains(client.getInetAddress().getHostAddress())) {
                    client.setSoLinger(true, 0);
                    client.close();
                    continue;
                }
                Socket upstream = new Socket();
                try {
                    upstream.bind(new InetSocketAddress(host, 0));
                    upstream.connect(target, 5000);
                } catch (IOException e) {
                    client.close();
                    upstream.close();
                    continue;
                }
                Pipe p = new Pipe(client, upstream);
                pipes.add(p);
                if (shut) {
                    // Accepted just before the close and relayed after its cut: it must not live on
                    // (a node dialing at that moment kept its link through a "closed" relay).
                    p.reset();
                    return;
                }
                accepted.incrementAndGet();
                p.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** From now on, a copy of every byte relayed, both ways. */
    void tap() {
        tapped = new ByteArrayOutputStream();
    }

    /** What {@link #tap()} has seen so far. */
    byte[] tapped() {
        ByteArrayOutputStream t = tapped;
        synchronized (t) {
            return t.toByteArray();
        }
    }

    void cut() {
        for (Pipe p : pipes) {
            p.reset();
        }
    }

    /** A partition: connections from these source hosts are cut, and refused until {@link #unblock()}. */
    void block(Set<String> sourceHosts) {
        blocked = Set.copyOf(sourceHosts);
        for (Pipe p : pipes) {
            if (blocked.contains(p.a.getInetAddress().getHostAddress())) {
                p.reset();
            }
        }
    }

    void unblock() {
        blocked = Set.of();
    }

    void blackhole() {
        for (Pipe p : pipes) {
            p.frozen = true;
        }
    }

    /** No connection passes from now on: new ones are refused, and every one through it is reset. */
    @Override
    public void close() throws IOException {
        shut = true; // before the cut: a pipe added meanwhile is either cut here or sees this
        server.close();
        cut();
    }

    private final class Pipe {
        final Socket a;
        final Socket b;
        volatile boolean frozen;
        final CountDownLatch closed = new CountDownLatch(1);

        Pipe(Socket a, Socket b) {
            this.a = a;
            this.b = b;
        }

        void start() {
            copy(a, b);
            copy(b, a);
        }

        private void copy(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[16384];
                try {
                    InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream();
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        if (frozen) {
                            closed.await(); // hold the bytes: the stream neither moves nor ends
                            return;
                        }
                        ByteArrayOutputStream tap = tapped;
                        if (tap != null) {
                            synchronized (tap) {
                                tap.write(buf, 0, n);
                            }
                        }
                        out.write(buf, 0, n);
                    }
                } catch (IOException | InterruptedException e) {
                    // the other direction or a cut closed it
                } finally {
                    reset();
                }
            }, "proxy-pipe");
            t.setDaemon(true);
            t.start();
        }

        void reset() {
            if (pipes.remove(this)) {
                for (Socket s : new Socket[] {a, b}) {
                    try {
                        s.setSoLinger(true, 0); // RST: what a broken network looks like to both ends
                        s.close();
                    } catch (IOException e) {
                        // already closed
                    }
                }
                closed.countDown();
            }
        }
    }
}

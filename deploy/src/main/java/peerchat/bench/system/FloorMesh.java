package peerchat.bench.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The floor of a peer-to-peer chat on this machine: {@code n} peers in this JVM, fully meshed over
 * loopback TCP, each one thread on its own selector as a node is, that do nothing but pass
 * length-prefixed text: no log, no ordering, no encoding beyond UTF-8. Run through the same
 * workloads as the nodes, it shows what the kernel and the threads alone cost, so that what is
 * left of a node's figures is the node's own work.
 */
public final class FloorMesh implements AutoCloseable {
    public final List<Peer> peers = new ArrayList<>();

    public FloorMesh(int n, Tracker tracker) throws IOException {
        List<ServerSocketChannel> listeners = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocketChannel s = ServerSocketChannel.open();
                s.bind(new InetSocketAddress("127.0.0.1", 0));
                listeners.add(s);
                peers.add(new Peer("floor-" + i, tracker));
            }
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    SocketChannel out = SocketChannel.open(listeners.get(j).getLocalAddress());
                    SocketChannel in = listeners.get(j).accept();
                    peers.get(i).link(out);
                    peers.get(j).link(in);
                }
            }
            peers.forEach(Peer::start);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        } finally {
            for (ServerSocketChannel s : listeners) {
                s.close();
            }
        }
    }

    @Override
    public void close() {
        peers.forEach(Peer::close);
    }

    /** One peer: a thread that writes what it is given to every link and reports what it reads. */
    public static final class Peer implements Participant {
        private static final int CHUNK = 64 * 1024;

        private final Selector selector;
        private final Tracker tracker;
        private final Thread thread;
        private final List<Link> links = new ArrayList<>();
        private final Queue<String> outbox = new ConcurrentLinkedQueue<>();
        private volatile boolean closed;

        private Peer(String name, Tracker tracker) throws IOException {
            this.selector = Selector.open();
            this.tracker = tracker;
            this.thread = new Thread(this::run, name);
            thread.setDaemon(true);
        }

        private void link(SocketChannel ch) throws IOException {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            Link l = new Link(ch);
            l.key = ch.register(selector, SelectionKey.OP_READ, l);
            links.add(l);
        }

        private void start() {
            thread.start();
        }

        @Override
        public void send(String text) {
            outbox.add(text);
            selector.wakeup();
        }

        @Override
        public void sendAll(List<String> texts) {
            outbox.addAll(texts);
            selector.wakeup();
        }

        private void run() {
            try {
                while (!closed) {
                    selector.select();
                    for (SelectionKey k : selector.selectedKeys()) {
                        Link l = (Link) k.attachment();
                        if (k.isValid() && k.isReadable()) {
                            l.read();
                        }
                        if (k.isValid() && k.isWritable()) {
                            l.flush();
                        }
                    }
                    selector.selectedKeys().clear();
                    String text;
                    while ((text = outbox.poll()) != null) {
                        byte[] b = text.getBytes(StandardCharsets.UTF_8);
                        for (Link l : links) {
                            l.queue(b);
                        }
                    }
                    for (Link l : links) {
                        l.flush();
                    }
                }
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public void close() {
            closed = true;
            selector.wakeup();
            try {
                thread.join(5000);
                for (Link l : links) {
                    l.ch.close();
                }
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** One connection: frames read are reported, frames queued are written when the socket takes them. */
        private final class Link {
            final SocketChannel ch;
            SelectionKey key;
            ByteBuffer in = ByteBuffer.allocate(CHUNK);
            ByteBuffer out = ByteBuffer.allocate(CHUNK);

            Link(SocketChannel ch) {
                this.ch = ch;
            }

            void read() throws IOException {
                if (ch.read(in) < 0) {
                    key.cancel();
                    return;
                }
                in.flip();
                long now = System.nanoTime();
                while (in.remaining() >= 4 && in.remaining() >= 4 + in.getInt(in.position())) {
                    int len = in.getInt();
                    tracker.arrived(new String(in.array(), in.position(), len, StandardCharsets.UTF_8), now);
                    in.position(in.position() + len);
                }
                in.compact();
                if (!in.hasRemaining()) {
                    in = grow(in);
                }
            }

            void queue(byte[] frame) {
                if (out.remaining() < 4 + frame.length) {
                    out = grow(out, 4 + frame.length);
                }
                out.putInt(frame.length).put(frame);
            }

            void flush() throws IOException {
                if (out.position() == 0) {
                    return;
                }
                out.flip();
                ch.write(out);
                out.compact();
                boolean pending = out.position() > 0;
                if (pending != ((key.interestOps() & SelectionKey.OP_WRITE) != 0)) {
                    key.interestOps(pending ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                }
            }
        }

        private static ByteBuffer grow(ByteBuffer full) {
            return grow(full, CHUNK);
        }

        private static ByteBuffer grow(ByteBuffer b, int more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + more));
            b.flip();
            return bigger.put(b);
        }
    }
}

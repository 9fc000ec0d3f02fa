package peerchat.bench.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;
import peerchat.engine.api.Reply;
import reactor.core.Disposable;

/**
 * A real node inside the benchmark's JVM (its own log on disk, its own TCP listener on
 * loopback), driven through {@link Node} as a frontend would: the same footing as the IRC clients,
 * which also live in this process. What it delivers is timed as the event reaches the subscriber.
 */
public final class LocalNode implements Participant {
    private final Node node;
    private final Disposable listening;
    private final Set<String> online = new HashSet<>();

    private LocalNode(Node node, Tracker tracker) {
        this.node = node;
        this.listening = node.events().subscribe(e -> {
            long now = System.nanoTime();
            if (e instanceof ChatEvent.Message m) {
                if (m.message().own()) {
                    tracker.printed(m.message().text(), now);
                } else {
                    tracker.arrived(m.message().text(), now);
                }
            } else if (e instanceof ChatEvent.PeerUp up) {
                synchronized (online) {
                    online.add(up.user().id().toString());
                }
            } else if (e instanceof ChatEvent.PeerDown down) {
                synchronized (online) {
                    online.remove(down.user().id().toString());
                }
            }
        });
    }

    /** Starts a node listening on {@code host} (port 7117), seeded with {@code peers}, discovery off. */
    public static LocalNode start(String name, Path data, String host, Tracker tracker, List<String> peers) {
        // The heartbeat of a real node (NodeConfig.lan), not the tests' fast one.
        NodeConfig lan = NodeConfig.lan(name, data);
        NodeConfig config = new NodeConfig(name, data, host, NodeConfig.DEFAULT_PORT, 0, peers, false, null, lan.heartbeat(), lan.clock());
        return new LocalNode(Node.start(config).block(Duration.ofMinutes(2)), tracker);
    }

    public int online() {
        synchronized (online) {
            return online.size();
        }
    }

    @Override
    public void send(String text) {
        node.execute("#all " + text).subscribe(LocalNode::check);
    }

    /** Every line queued at once, in order (the node runs commands one after another on its thread). */
    @Override
    public void sendAll(List<String> texts) {
        for (String t : texts) {
            node.execute("#all " + t).subscribe(LocalNode::check);
        }
    }

    private static void check(Reply r) {
        if (r instanceof Reply.Error e) {
            System.err.println("system bench: a send failed: " + e);
        }
    }

    @Override
    public void close() {
        listening.dispose();
        node.shutdown().block(Duration.ofSeconds(30));
    }
}

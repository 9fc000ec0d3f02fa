package peerchat.ui.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;
import reactor.core.Disposable;

/** Real nodes on loopback addresses for a test, each with the events it saw; closes them all. */
public final class RealNodes implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(60);
    private final Path dir;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Disposable> subscriptions = new ArrayList<>();

    public RealNodes(Path dir) {
        this.dir = dir;
    }

    /** Starts {@code name} on {@code host} (any port, no beacon), dialling {@code seeds}. */
    public Node start(String name, String host, String... seeds) {
        NodeConfig c = NodeConfig.loopback(name, dir.resolve(name), host).withSeeds(List.of(seeds));
        Node n = Node.start(c).block(START);
        nodes.add(n);
        return n;
    }

    /** Everything {@code node} emits from now on. */
    public Queue<ChatEvent> record(Node node) {
        Queue<ChatEvent> seen = new ConcurrentLinkedQueue<>();
        subscriptions.add(node.events().subscribe(seen::add));
        return seen;
    }

    public static boolean hasMessage(Queue<ChatEvent> events, String from, String text) {
        return events.stream().anyMatch(e -> e instanceof ChatEvent.Message
                && ((ChatEvent.Message) e).message().from().equals(from)
                && ((ChatEvent.Message) e).message().text().equals(text));
    }

    @Override
    public void close() {
        subscriptions.forEach(Disposable::dispose);
        for (Node n : nodes) {
            n.shutdown().block(Duration.ofSeconds(30));
        }
    }
}

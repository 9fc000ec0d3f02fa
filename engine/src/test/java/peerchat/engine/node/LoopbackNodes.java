package peerchat.engine.node;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;

/**
 * Real nodes in this JVM for a test, each on its own loopback address with a data directory of its
 * own under the test's, and all of them shut down after each test: a test class registers it
 * ({@code @RegisterExtension final LoopbackNodes nodes = new LoopbackNodes(() -> dir);} beside its
 * {@code @TempDir Path dir}, which is only set once the test instance exists).
 */
final class LoopbackNodes implements AutoCloseable, AfterEachCallback {
    static final Duration WAIT = Duration.ofSeconds(20);

    private final Supplier<Path> dir;
    private final List<Node> started = new CopyOnWriteArrayList<>();

    LoopbackNodes(Supplier<Path> dir) {
        this.dir = dir;
    }

    /** The node of {@code <dir>/<folder>}, started as {@code name} on {@code host} (any port), dialing {@code seeds}. */
    Node start(String folder, String name, String host, String... seeds) {
        return add(Node.start(NodeConfig.loopback(name, dir.get().resolve(folder), host).withSeeds(List.of(seeds))).block(WAIT));
    }

    /** A node the test started otherwise, shut down with the rest. */
    Node add(Node node) {
        started.add(node);
        return node;
    }

    void stop(Node node) {
        node.shutdown().block(WAIT);
        started.remove(node);
    }

    /** Runs one command line on {@code node} and waits for its reply. */
    static Reply run(Node node, String line) {
        return node.execute(line).block(WAIT);
    }

    /** Waits until {@code node} counts {@code online} users online, itself included. */
    static void awaitOnline(Node node, int online) {
        await().atMost(WAIT).until(() -> node.users().stream().filter(UserView::online).count() == online);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        started.forEach(n -> n.shutdown().block(WAIT));
        started.clear();
    }
}

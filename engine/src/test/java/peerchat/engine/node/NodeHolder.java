package peerchat.engine.node;

import java.nio.file.Path;
import java.time.Duration;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;

/** The child JVM of {@link DataDirLockTest}: runs a node on {@code DIR} and prints READY; killed by its parent. */
public final class NodeHolder {
    private NodeHolder() {
    }

    public static void main(String[] args) throws Exception {
        Node node = Node.start(NodeConfig.loopback("holder", Path.of(args[0]), "127.0.0.7")).block(Duration.ofSeconds(60));
        System.out.println("READY " + node.self().id());
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await();
    }
}

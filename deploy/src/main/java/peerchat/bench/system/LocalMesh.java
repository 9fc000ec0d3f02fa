package peerchat.bench.system;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * {@code n} nodes inside the benchmark's JVM on 127.0.0.(base+i):7117, each seeded with every
 * earlier one, ready once each sees all the others. Closed together.
 */
public final class LocalMesh implements AutoCloseable {
    public final List<LocalNode> nodes = new ArrayList<>();

    public LocalMesh(int n, int base, Path dir, Tracker tracker) throws InterruptedException {
        try {
            for (int i = 0; i < n; i++) {
                List<String> seeds = new ArrayList<>();
                for (int j = 0; j < i; j++) {
                    seeds.add("127.0.0." + (base + j) + ":7117");
                }
                nodes.add(LocalNode.start("n" + i, dir.resolve("n" + i), "127.0.0." + (base + i), tracker, seeds));
            }
            Mesh.awaitFormed(nodes.stream().map(p -> (IntSupplier) p::online).toList());
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        nodes.forEach(LocalNode::close);
    }
}

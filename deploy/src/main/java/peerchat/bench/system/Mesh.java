package peerchat.bench.system;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code n} node processes on loopback, 127.0.0.(base+i), port 7117 each, every one seeded with
 * the first one's address only: gossip completes the mesh. Closed together.
 */
public final class Mesh implements AutoCloseable {
    public final List<NodeProc> nodes = new ArrayList<>();
    /** Nanoseconds from launching the processes to every node seeing every other one. */
    public final long formedAfter;

    public Mesh(int n, int base, Path dir, Tracker tracker) throws InterruptedException {
        long start = System.nanoTime();
        String first = "127.0.0." + base + ":7117";
        try {
            for (int i = 0; i < n; i++) {
                String listen = "127.0.0." + (base + i) + ":7117";
                nodes.add(i == 0 ? NodeProc.start("n" + i, dir.resolve("n" + i), listen, tracker)
                        : NodeProc.start("n" + i, dir.resolve("n" + i), listen, tracker, first));
            }
            for (NodeProc p : nodes) {
                p.awaitReady(120, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!nodes.stream().allMatch(p -> p.online() == n - 1)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the mesh of " + n + " did not form in 120 s");
                }
                Thread.sleep(5);
            }
            formedAfter = System.nanoTime() - start;
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        nodes.parallelStream().forEach(NodeProc::close);
    }
}

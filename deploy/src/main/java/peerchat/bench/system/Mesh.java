package peerchat.bench.system;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * {@code n} node processes on loopback, 127.0.0.(base+i), port 7117 each. Seeded with the first
 * one's address only (gossip completes the mesh: what the formation figure measures), or with
 * every earlier node's address (a quick, sure setup for the workloads). Closed together.
 */
public final class Mesh implements AutoCloseable {
    public final List<NodeProc> nodes = new ArrayList<>();
    /** Nanoseconds from launching the processes to every node seeing every other one. */
    public final long formedAfter;

    public Mesh(int n, int base, Path dir, Tracker tracker, boolean seedAll) throws InterruptedException {
        long start = System.nanoTime();
        try {
            for (int i = 0; i < n; i++) {
                String listen = "127.0.0." + (base + i) + ":7117";
                List<String> seeds = new ArrayList<>();
                for (int j = 0; j < (seedAll ? i : Math.min(i, 1)); j++) {
                    seeds.add("127.0.0." + (base + j) + ":7117");
                }
                nodes.add(NodeProc.start("n" + i, dir.resolve("n" + i), listen, tracker, seeds.toArray(new String[0])));
            }
            for (NodeProc p : nodes) {
                p.awaitReady(120, TimeUnit.SECONDS);
            }
            awaitFormed(nodes.stream().map(p -> (IntSupplier) p::online).toList());
            formedAfter = System.nanoTime() - start;
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    /** Waits until each of the nodes (their online-peer counts) sees all the others: 120 s at most. */
    static void awaitFormed(List<IntSupplier> online) throws InterruptedException {
        int n = online.size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!online.stream().allMatch(p -> p.getAsInt() == n - 1)) {
            if (System.nanoTime() > deadline) {
                List<Integer> seen = new ArrayList<>();
                online.forEach(p -> seen.add(p.getAsInt()));
                throw new IllegalStateException("the mesh of " + n + " did not form in 120 s; peers seen by each node: " + seen);
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        nodes.parallelStream().forEach(NodeProc::close);
    }
}

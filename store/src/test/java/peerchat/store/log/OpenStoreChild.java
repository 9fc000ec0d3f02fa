package peerchat.store.log;

import java.nio.file.Path;
import peerchat.store.Store;

/**
 * Opens the store in {@code args[0]} in a JVM of its own, as a node does (a damaged log made again from what it holds), and prints what came of
 * it: Chronicle asserts on a damaged queue where the tests' JVMs run with {@code -ea}, and a node
 * never does.
 */
public final class OpenStoreChild {
    private OpenStoreChild() {
    }

    public static void main(String[] args) {
        Path log = Path.of(args[0]);
        try (Store store = open(log)) {
            System.out.println("opened");
        } catch (RuntimeException e) {
            System.out.println("refused: " + e.getMessage());
        }
        System.exit(0);
    }

    /** As the node does: a log found damaged is made again from what it holds, then opened. */
    private static Store open(Path log) {
        try {
            return Store.open(log);
        } catch (RuntimeException e) {
            if (!Store.damaged(e)) {
                throw e;
            }
            System.out.println("salvaged: " + Store.salvage(log));
            return Store.open(log);
        }
    }
}

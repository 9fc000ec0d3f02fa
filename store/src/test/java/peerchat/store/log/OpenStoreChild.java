package peerchat.store.log;

import java.nio.file.Path;
import peerchat.store.Store;

/**
 * Opens the store in {@code args[0]} in a JVM of its own, as a node does, and prints what came of
 * it: Chronicle asserts on a damaged queue where the tests' JVMs run with {@code -ea}, and a node
 * never does.
 */
public final class OpenStoreChild {
    private OpenStoreChild() {
    }

    public static void main(String[] args) {
        try (Store store = Store.open(Path.of(args[0]))) {
            System.out.println("opened");
        } catch (RuntimeException e) {
            System.out.println("refused: " + e.getMessage());
        }
        System.exit(0);
    }
}

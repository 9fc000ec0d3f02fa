package peerchat.engine.api;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A way to put a started node in front of a person or a script. The launcher picks one by name;
 * frontends in other modules register through {@code META-INF/services/peerchat.engine.api.Frontend}
 * so that the launcher's module never depends on them (the terminal UI does not know the Swing
 * window exists, DESIGN.md › Modules).
 */
public interface Frontend {
    /** {@code gui}, {@code terminal}, {@code json}. */
    String name();

    /** Runs until the user quits; returns the process exit code. Called on the launcher's main thread. */
    int run(Node node);

    /**
     * As {@link #run(Node)}, for a node whose data directory is {@code dataDir}: a frontend that
     * keeps settings of its own (the window's theme and place) keeps them there, beside the node's.
     */
    default int run(Node node, Path dataDir) {
        return run(node);
    }

    /**
     * The node was closed under a running frontend by a signal (SIGTERM; Ctrl-C in {@code --json}):
     * called on the signal's thread after the node's shutdown, just before the JVM ends, which
     * takes with it whatever another thread was still to write. A frontend writes out what it
     * owes its reader (answers to lines in flight, events it has queued) within {@code max}.
     */
    default void closedBySignal(Duration max) {
    }
}

package peerchat.engine.api;

import java.nio.file.Path;

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
}

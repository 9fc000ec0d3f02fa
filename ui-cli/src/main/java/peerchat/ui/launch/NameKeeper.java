package peerchat.ui.launch;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Node;
import reactor.core.Disposable;

/**
 * Keeps {@code <data>/name} ({@link NameFile}) the name this node's user took last
 * ({@code -nick}), at once: a later start without {@code --name} then starts under it, instead of
 * under the old one and renaming back. The events come on the node's thread, so the file is
 * written on a thread of its own, and a failure to write it is logged, never thrown back there.
 */
final class NameKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NameKeeper.class);

    private final Node node;
    private final Path dataDir;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "peerchat-name");
        t.setDaemon(true);
        return t;
    });
    private Disposable events;

    private NameKeeper(Node node, Path dataDir) {
        this.node = node;
        this.dataDir = dataDir;
    }

    /** For a started node whose name the launcher has stored already. */
    static NameKeeper start(Node node, Path dataDir) {
        NameKeeper keeper = new NameKeeper(node, dataDir);
        keeper.events = node.events().subscribe(keeper::onEvent, err -> LOG.warn("the event stream failed", err));
        return keeper;
    }

    private void onEvent(ChatEvent e) {
        if (e instanceof ChatEvent.Renamed r && r.user().self()) {
            try {
                writer.execute(() -> store(node.self().name())); // the node has the name before it tells of it
            } catch (RejectedExecutionException closing) {
                LOG.debug("closing: the name is stored at the close");
            }
        }
    }

    private synchronized void store(String name) {
        try {
            NameFile.store(dataDir, name);
        } catch (RuntimeException e) {
            LOG.error("cannot store the name {} in {}: the next start without --name takes the one stored before", name, dataDir, e);
        }
    }

    /** Stops listening, and stores the name the node ended with. */
    @Override
    public void close() {
        if (events != null) {
            events.dispose();
        }
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("the name is still being written to {}", dataDir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store(node.self().name());
    }
}

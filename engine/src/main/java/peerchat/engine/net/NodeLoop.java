package peerchat.engine.net;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * The one thread of a node: the event loop of all its connections (listening, accepted and
 * dialed) and, lent to the store, its log's writer, where the node keeps its state. A message
 * read from a socket is taken into the causal core and the log, and a message sent is written to
 * the sockets, on the thread that is already there: no hand-over between threads (each a wake-up
 * of a sleeping thread, tens of microseconds) on the way from one node to the next.
 *
 * <p>That puts the log's appends on an event loop. They are memory copies into the mapped queue
 * file (no fsync, see the store's durability), not blocking I/O; what does read the disk (catching
 * up a link from the log, history pages) stays on {@code boundedElastic}.
 */
public final class NodeLoop {
    private final LoopResources loops;
    private final ScheduledExecutorService thread;

    /** {@code name}: the node's, for the thread's name. */
    public NodeLoop(String name) {
        // One worker, no separate acceptor (selectCount -1): the server, its children and the
        // clients all run on it (client loops are colocated with the server's).
        this.loops = LoopResources.create("peerchat-node-" + name, 1, true);
        this.thread = loops.onServer(true).next();
    }

    /** The thread, as an executor (timers included) to lend to the log. */
    public ScheduledExecutorService executor() {
        return thread;
    }

    LoopResources loops() {
        return loops;
    }

    /** Stops the thread once what is queued on it ran (call after the links and the log closed). */
    public Mono<Void> close() {
        return loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5));
    }
}

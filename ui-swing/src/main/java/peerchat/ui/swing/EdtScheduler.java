package peerchat.ui.swing;

import java.awt.EventQueue;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The Swing event dispatch thread as a Reactor {@link Scheduler}: {@code publishOn(EdtScheduler.get())}
 * moves the node's events and replies onto the EDT, in order (the event queue is FIFO and
 * {@code publishOn} drains one task at a time).
 */
public final class EdtScheduler {
    private static final Scheduler EDT = Schedulers.fromExecutor(EventQueue::invokeLater);

    private EdtScheduler() {
    }

    public static Scheduler get() {
        return EDT;
    }
}

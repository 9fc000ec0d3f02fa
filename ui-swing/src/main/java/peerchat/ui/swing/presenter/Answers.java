package peerchat.ui.swing.presenter;

import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Brings the node's one-shot answers (command replies, history pages) back onto the UI thread
 * before they touch the presenter's state, and drops them once the presenter has stopped: the view
 * is gone by then. One-shot answers are not kept: a long session sends many commands.
 */
final class Answers {
    private final Scheduler ui;
    /** Set by {@link #stop()}: answers still on their way are dropped. */
    private boolean stopped;

    Answers(Scheduler ui) {
        this.ui = ui;
    }

    /** Runs {@code then} on the UI thread with what {@code answer} gives, unless stopped meanwhile. */
    <T> void whenDone(Mono<T> answer, Consumer<T> then, Consumer<Throwable> failed) {
        answer.publishOn(ui).subscribe(v -> {
            if (!stopped) {
                then.accept(v);
            }
        }, e -> {
            if (!stopped) {
                failed.accept(e);
            }
        });
    }

    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }
}

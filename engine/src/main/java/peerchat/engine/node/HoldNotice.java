package peerchat.engine.node;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import peerchat.engine.causal.Hold;
import peerchat.store.event.NodeId;
import reactor.core.scheduler.Scheduler;

/**
 * Tells frontends when messages stay held back ({@link peerchat.engine.api.ChatEvent.HeldBack}).
 * A message that waits a moment for another one on its way is normal and says nothing; one still
 * waiting {@link #AFTER} later is worth a line, once per change of who waits for whom, not per
 * message: a hundred messages from carol all waiting for alice make one notice. Runs on the node
 * thread (the scheduler given), as everything that reads the causal core.
 */
final class HoldNotice {
    static final Duration AFTER = Duration.ofSeconds(2);

    /** Who waits for whom: what a notice is about, apart from counts. */
    record Pair(NodeId from, NodeId awaiting) {
    }

    private final Scheduler thread;
    private final Supplier<List<Hold>> holds;
    private final Consumer<List<Hold>> tell;
    private boolean checking;
    private Set<Pair> told = Set.of();

    HoldNotice(Scheduler thread, Supplier<List<Hold>> holds, Consumer<List<Hold>> tell) {
        this.thread = thread;
        this.holds = holds;
        this.tell = tell;
    }

    /** A message was just held back: look again in {@link #AFTER}, unless a look is due already. */
    void held() {
        if (!checking) {
            checking = true;
            thread.schedule(this::check, AFTER.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void check() {
        checking = false;
        List<Hold> now = holds.get();
        Set<Pair> pairs = pairs(now);
        if (worthTelling(told, pairs)) {
            tell.accept(now);
        }
        told = pairs;
    }

    /** Pure: a notice when something waits and it is not the same who-for-whom as last told. */
    static boolean worthTelling(Set<Pair> told, Set<Pair> now) {
        return !now.isEmpty() && !now.equals(told);
    }

    static Set<Pair> pairs(List<Hold> holds) {
        return holds.stream().map(h -> new Pair(h.from(), h.awaiting())).collect(Collectors.toUnmodifiableSet());
    }
}

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
 * Tells frontends when messages stay held back ({@link peerchat.engine.api.ChatEvent.HeldBack}),
 * and when, after that, nothing is held back any more ({@link peerchat.engine.api.ChatEvent.Released}).
 * A message that waits a moment for another one on its way is normal and says nothing; one still
 * waiting {@link #AFTER} later is worth a line, once per change of who waits for whom, not per
 * message: a hundred messages from carol all waiting for alice make one notice. The end of a wait
 * that was told is told at once, at the delivery that ends it: a frontend that says "held back"
 * should not go on saying it for two seconds after the messages are on the screen. Runs on the
 * node thread (the scheduler given), as everything that reads the causal core.
 */
final class HoldNotice {
    static final Duration AFTER = Duration.ofSeconds(2);

    /** Who waits for whom: what a notice is about, apart from counts. */
    record Pair(NodeId from, NodeId awaiting) {
    }

    /** What a look at the holds has to tell. */
    enum News {
        NOTHING, HELD_BACK, RELEASED
    }

    private final Scheduler thread;
    private final Supplier<List<Hold>> holds;
    private final Consumer<List<Hold>> tell;
    private final Runnable released;
    private boolean checking;
    private Set<Pair> told = Set.of();

    HoldNotice(Scheduler thread, Supplier<List<Hold>> holds, Consumer<List<Hold>> tell, Runnable released) {
        this.thread = thread;
        this.holds = holds;
        this.tell = tell;
        this.released = released;
    }

    /** A message was just held back: look again in {@link #AFTER}, unless a look is due already. */
    void held() {
        if (!checking) {
            checking = true;
            thread.schedule(this::check, AFTER.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Messages held back were just delivered (and shown). Nothing told: nothing to take back. Told,
     * and nothing waits now: that is said at once. Told, and who waits for whom changed but some
     * still wait: looked at in {@link #AFTER}, as after a new hold, since what waits now may itself
     * be only a moment's wait.
     */
    void letThrough() {
        if (told.isEmpty()) {
            return; // the common case, and the core is not even asked
        }
        Set<Pair> now = pairs(holds.get());
        switch (news(told, now)) {
            case RELEASED -> {
                told = now;
                released.run();
            }
            case HELD_BACK -> held();
            case NOTHING -> {
            }
        }
    }

    private void check() {
        checking = false;
        List<Hold> now = holds.get();
        Set<Pair> pairs = pairs(now);
        switch (news(told, pairs)) {
            case HELD_BACK -> tell.accept(now);
            case RELEASED -> released.run();
            case NOTHING -> {
            }
        }
        told = pairs;
    }

    /**
     * Pure: a notice when something waits and it is not the same who-for-whom as last told; the
     * end of it when something was told and nothing waits; else nothing.
     */
    static News news(Set<Pair> told, Set<Pair> now) {
        if (now.isEmpty()) {
            return told.isEmpty() ? News.NOTHING : News.RELEASED;
        }
        return now.equals(told) ? News.NOTHING : News.HELD_BACK;
    }

    static Set<Pair> pairs(List<Hold> holds) {
        return holds.stream().map(h -> new Pair(h.from(), h.awaiting())).collect(Collectors.toUnmodifiableSet());
    }
}

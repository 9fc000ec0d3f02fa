package peerchat.engine.net;

import reactor.core.Fuseable;
import reactor.core.publisher.Mono;

/**
 * Telling a publisher that has already finished from one that has work left, as Reactor's own
 * operators do: {@code Mono.empty()} and {@code Mono.just(x)} are scalars whose outcome is known
 * without subscribing. The journal takes a frame at once in all but rare cases, and the link then
 * skips the subscription, caching and error mapping it sets up for one that completes later.
 */
public final class Completion {
    private Completion() {
    }

    /** True if {@code mono} is a scalar that completed without an error. */
    public static boolean isDone(Mono<?> mono) {
        if (!(mono instanceof Fuseable.ScalarCallable<?> scalar)) {
            return false;
        }
        try {
            scalar.call();
            return true;
        } catch (Exception failed) {
            return false; // Mono.error: the caller subscribes and sees it
        }
    }
}

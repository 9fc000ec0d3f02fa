package peerchat.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class CompletionTest {

    @Test
    void aScalarThatCompletedIsDone() {
        assertTrue(Completion.isDone(Mono.empty()));
        assertTrue(Completion.isDone(Mono.just("taken")));
    }

    @Test
    void anErrorOrWorkLeftIsNotDone() {
        assertFalse(Completion.isDone(Mono.error(new IllegalStateException("refused"))));
        assertFalse(Completion.isDone(Mono.never()));
        assertFalse(Completion.isDone(Mono.delay(Duration.ofMillis(1)).then()));
        assertFalse(Completion.isDone(Mono.empty().cache()));
    }

    @Test
    void workThatRunsOnSubscriptionIsNeitherRunNorDone() {
        AtomicInteger runs = new AtomicInteger();
        assertFalse(Completion.isDone(Mono.fromRunnable(runs::incrementAndGet)));
        assertFalse(Completion.isDone(Mono.defer(() -> {
            runs.incrementAndGet();
            return Mono.empty();
        })));
        assertEquals(0, runs.get(), "asking ran the work");
    }
}

package peerchat.engine.api;

import java.util.List;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Messages read from the log, then the live events, none lost between the two and none twice. The
 * live stream is listened to (and buffered) before the log is read: a message is in the log before
 * it is emitted, so none falls between; one both read and emitted is dropped from the live part by
 * its cursor (cursors grow in log order).
 */
public final class PastThenLive {
    private final Sinks.Many<ChatEvent> buffer = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable live;

    private PastThenLive(Flux<ChatEvent> live) {
        this.live = live.subscribe(buffer::tryEmitNext, buffer::tryEmitError, buffer::tryEmitComplete);
    }

    /** Starts listening to {@code live}; read the log after this. */
    public static PastThenLive listen(Flux<ChatEvent> live) {
        return new PastThenLive(live);
    }

    /**
     * {@code past} (read since {@link #listen}, oldest first), then the live events after the newest
     * of it. Listening stops when the returned stream ends or is cancelled.
     */
    public Flux<ChatEvent> then(List<MessageView> past) {
        long newest = past.isEmpty() ? -1 : past.get(past.size() - 1).cursor();
        Flux<ChatEvent> rest = buffer.asFlux().filter(e -> !(e instanceof ChatEvent.Message m)
                || m.message().cursor() < 0 || m.message().cursor() > newest);
        return Flux.concat(Flux.fromIterable(past).map(ChatEvent.Message::new), rest).doFinally(s -> live.dispose());
    }

    /** Nothing read after all: stops listening. */
    public void cancel() {
        live.dispose();
    }
}

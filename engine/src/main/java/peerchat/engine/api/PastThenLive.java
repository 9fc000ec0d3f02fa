package peerchat.engine.api;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Messages (and the renames among them) read from the log, then the live events, none lost between
 * the two and none twice. The live stream is listened to (and buffered) before the log is read: a
 * message is in the log before it is emitted, so none falls between; one both read and emitted is
 * dropped from the live part by its cursor (cursors grow in log order), a rename by its id, or by
 * its place when that is before the newest message read (the past is what it left out there).
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
     * {@code past} (read since {@link #listen}), as it came ({@link HistoryPage#inOrder()}), then
     * the live events after the newest of it. Listening stops when the returned stream ends or is
     * cancelled.
     */
    public Flux<ChatEvent> then(HistoryPage past) {
        List<MessageView> messages = past.messages();
        long newest = messages.isEmpty() ? -1 : messages.get(messages.size() - 1).cursor();
        Set<String> renames = past.renames().stream().map(ChatEvent.Renamed::id).collect(Collectors.toSet());
        Flux<ChatEvent> rest = buffer.asFlux().filter(e -> {
            if (e instanceof ChatEvent.Message m) {
                return m.message().cursor() < 0 || m.message().cursor() > newest;
            }
            return !(e instanceof ChatEvent.Renamed r) || r.cursor() > newest && !renames.contains(r.id());
        });
        return Flux.concat(Flux.fromIterable(past.inOrder()), rest).doFinally(s -> live.dispose());
    }

    /** Nothing read after all: stops listening. */
    public void cancel() {
        live.dispose();
    }
}

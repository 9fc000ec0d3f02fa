package peerchat.engine.discovery;

import java.net.SocketException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Looks for the beacon's interface again and again: every {@link BeaconConfig#interfaceCheck()},
 * and soon after {@link #nudge()} (a beacon could not be sent: its address may be gone). Each look
 * is handed on and followed through before the next is taken, so whoever follows them never sees
 * two at once. Reading the host's interface list takes system calls per interface, so looking runs
 * on {@code boundedElastic}, never on the beacon's I/O thread.
 */
final class InterfaceWatch {
    private static final Logger log = LoggerFactory.getLogger(InterfaceWatch.class);

    private final BeaconConfig config;
    // Nudges come from the send ticks and from socket callbacks; one lost in a race is harmless
    // (the periodic look follows), so a failed emission is not retried.
    private final Sinks.Many<Boolean> nudges = Sinks.many().unicast().onBackpressureBuffer();

    /** What one look found: the interface, or why there is none (for the log). */
    record Look(Optional<BeaconInterface> found, String whyNone) {
        Look {
            Objects.requireNonNull(found, "found");
            Objects.requireNonNull(whyNone, "whyNone");
        }
    }

    InterfaceWatch(BeaconConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** One look now. */
    static Mono<Look> look(BeaconConfig config) {
        return Mono.fromCallable(() -> {
            try {
                return new Look(Optional.of(BeaconInterface.resolve(config)), "");
            } catch (SocketException e) {
                return new Look(Optional.empty(), e.getMessage());
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Hands every later look to {@code follow}, one at a time, until the result is disposed. Once. */
    Disposable watch(Function<Look, Mono<Void>> follow) {
        return Flux.merge(Flux.interval(config.interfaceCheck(), config.interfaceCheck()), nudges.asFlux())
                // Looks asked for while one is being followed are one look: the next sees the same network.
                .onBackpressureDrop()
                .concatMap(trigger -> look(config).flatMap(follow)
                        .onErrorResume(e -> {
                            // Whatever went wrong with one look, the next one may find the network again.
                            log.warn("beacon could not follow the network: {}", e.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }

    /** Look again without waiting for the period. */
    void nudge() {
        nudges.tryEmitNext(Boolean.TRUE);
    }
}

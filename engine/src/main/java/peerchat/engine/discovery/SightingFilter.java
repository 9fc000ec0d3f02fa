package peerchat.engine.discovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import peerchat.store.event.NodeId;

/**
 * Decides which heard beacons become sightings: never our own, and the same peer at the same
 * address at most once per window (beacons repeat every few seconds; the node needs to hear of a
 * peer again only now and then, or at once when its address changes). Thread-safe.
 */
final class SightingFilter {
    private final NodeId self;
    private final Duration window;
    private final Clock clock;
    private final Map<Sighting, Instant> lastAdmitted = new HashMap<>();

    SightingFilter(NodeId self, Duration window, Clock clock) {
        this.self = Objects.requireNonNull(self, "self");
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (window.isNegative()) {
            throw new IllegalArgumentException("negative window: " + window);
        }
    }

    synchronized boolean admit(Sighting sighting) {
        if (sighting.id().equals(self)) {
            return false;
        }
        Instant now = clock.instant();
        Instant last = lastAdmitted.get(sighting);
        // A clock stepped back must not silence a peer until it catches up.
        if (last != null && !now.isBefore(last) && now.isBefore(last.plus(window))) {
            return false;
        }
        forgetOlderThanWindow(now);
        lastAdmitted.put(sighting, now);
        return true;
    }

    /** The next beacon of this peer at this address is admitted again. */
    synchronized void forget(Sighting sighting) {
        lastAdmitted.remove(sighting);
    }

    /** Keeps memory bounded by the peers heard within one window, however many come and go. */
    private void forgetOlderThanWindow(Instant now) {
        lastAdmitted.values().removeIf(at -> !now.isBefore(at.plus(window)));
    }
}

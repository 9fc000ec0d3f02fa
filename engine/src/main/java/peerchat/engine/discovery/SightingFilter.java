package peerchat.engine.discovery;

import java.net.InetSocketAddress;
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
 * peer again only now and then, or at once when its address changes). Only a peer's last address
 * is remembered: one that moves and comes back (a laptop between two networks, or a DHCP lease
 * returned) is reported again at once, not kept quiet for the rest of the window it was first
 * seen in. Thread-safe.
 */
final class SightingFilter {
    private final NodeId self;
    private final Duration window;
    private final Clock clock;
    private final Map<NodeId, Admitted> lastAdmitted = new HashMap<>();

    private record Admitted(InetSocketAddress address, Instant at) {
    }

    /** Beacons heard with this node's id from elsewhere, by the address they advertise. */
    private final Map<InetSocketAddress, Integer> otherSelves = new HashMap<>();

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
        Admitted last = lastAdmitted.get(sighting.id());
        // A clock stepped back must not silence a peer until it catches up.
        if (last != null && last.address().equals(sighting.listenAddress())
                && !now.isBefore(last.at()) && now.isBefore(last.at().plus(window))) {
            return false;
        }
        forgetOlderThanWindow(now);
        lastAdmitted.put(sighting.id(), new Admitted(sighting.listenAddress(), now));
        return true;
    }

    /**
     * Whether this beacon, with this node's own id but from somewhere else than {@code ours} (the
     * address this node advertises), is the second one heard from there: another node with this
     * identity, reported once. Once, not at the first: a beacon sent just before this node moved
     * comes back with its old address.
     */
    synchronized boolean otherSelf(Sighting sighting, InetSocketAddress ours) {
        if (!sighting.id().equals(self) || sighting.listenAddress().equals(ours)) {
            return false;
        }
        if (otherSelves.size() > 64) {
            otherSelves.clear();
        }
        return otherSelves.merge(sighting.listenAddress(), 1, Integer::sum) == 2;
    }

    /** The next beacon of this peer at this address is admitted again. */
    synchronized void forget(Sighting sighting) {
        lastAdmitted.computeIfPresent(sighting.id(), (id, last) -> last.address().equals(sighting.listenAddress()) ? null : last);
    }

    /** Keeps memory bounded by the peers heard within one window, however many come and go. */
    private void forgetOlderThanWindow(Instant now) {
        lastAdmitted.values().removeIf(last -> !now.isBefore(last.at().plus(window)));
    }
}

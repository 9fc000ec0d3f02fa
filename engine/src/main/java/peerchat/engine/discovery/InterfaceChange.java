package peerchat.engine.discovery;

import java.util.Optional;

/**
 * What a beacon must do about its interface, from the one its sockets are bound to and the one
 * found now. Pure: the sockets are {@link UdpBeacon}'s, the looking is {@link InterfaceWatch}'s.
 */
enum InterfaceChange {
    /** Bound where it should be, or still nothing to bind to. */
    NONE,
    /** An interface after none (the Wi-Fi is up at last): bind. */
    APPEARED,
    /**
     * Another address or another interface (a new lease, another network, a device plugged back):
     * the sender is bound to an address that no longer takes datagrams, the group was joined on a
     * device that may be gone, and the subnet filter is the old one. New sockets, all of them.
     */
    MOVED,
    /** No usable interface any more: let go of the sockets and wait. */
    LOST;

    static InterfaceChange between(Optional<BeaconInterface> bound, Optional<BeaconInterface> found) {
        if (bound.isEmpty()) {
            return found.isEmpty() ? NONE : APPEARED;
        }
        if (found.isEmpty()) {
            return LOST;
        }
        return bound.equals(found) ? NONE : MOVED;
    }

    /** Whether sockets bound now must be let go of. */
    boolean unbinds() {
        return this == MOVED || this == LOST;
    }

    /** Whether sockets must be bound to the interface found. */
    boolean binds() {
        return this == APPEARED || this == MOVED;
    }
}

package peerchat.engine.discovery;

import java.net.Inet4Address;
import java.net.SocketException;
import java.util.Optional;

/** This host's IPv4 address on its LAN, on the interface a beacon would choose; none without one. */
public final class LanAddress {
    private LanAddress() {
    }

    public static Optional<Inet4Address> now() {
        try {
            return BeaconInterface.firstLan(BeaconMode.BROADCAST).map(BeaconInterface::address);
        } catch (SocketException e) {
            return Optional.empty();
        }
    }
}

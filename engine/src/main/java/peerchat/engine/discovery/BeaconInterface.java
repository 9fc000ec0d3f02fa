package peerchat.engine.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

/** The network interface a beacon uses, and its IPv4 address (what a wildcard listener advertises). */
record BeaconInterface(NetworkInterface nic, Inet4Address address) {

    /** The configured interface, or for the wildcard the first LAN interface that is up. */
    static BeaconInterface resolve(BeaconConfig config) throws SocketException {
        InetAddress wanted = config.interfaceAddress();
        if (!wanted.isAnyLocalAddress()) {
            NetworkInterface nic = NetworkInterface.getByInetAddress(wanted);
            if (nic == null) {
                throw new SocketException("no interface of this host has the address " + wanted.getHostAddress());
            }
            return new BeaconInterface(nic, (Inet4Address) wanted);
        }
        return firstLan(config.mode()).orElseThrow(() -> new SocketException(
                "no interface is up with an IPv4 address for a " + config.mode() + " beacon"
                        + "; choose one with --discovery-interface"));
    }

    private static Optional<BeaconInterface> firstLan(BeaconMode mode) throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()
                    || (mode == BeaconMode.MULTICAST && !nic.supportsMulticast())) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address) {
                    return Optional.of(new BeaconInterface(nic, (Inet4Address) address));
                }
            }
        }
        return Optional.empty();
    }
}

package peerchat.engine.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The network interface a beacon uses, its IPv4 address (what a wildcard listener advertises) and
 * that address's prefix length (which senders are on the same link). A plain value: two equal ones
 * need the same sockets, so comparing the one a beacon is bound to with the one found now says
 * whether the network has moved under it ({@link InterfaceChange}). The index is part of it
 * because an interface unplugged and plugged back (a USB adapter) comes back under the same name
 * as a new device, and group memberships on the old one are gone.
 */
record BeaconInterface(String name, int index, Inet4Address address, int prefixLength) {

    /** Whether a datagram from this address came from the interface's own subnet. */
    boolean onLink(InetAddress sender) {
        if (!(sender instanceof Inet4Address)) {
            return false;
        }
        int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        return (toInt(sender) & mask) == (toInt(address) & mask);
    }

    /**
     * The interface as the host has it now, for the socket options that want one. Looked up at
     * bind time rather than kept: the interface may have gone since it was found.
     */
    NetworkInterface nic() throws SocketException {
        NetworkInterface nic = NetworkInterface.getByIndex(index);
        if (nic == null || !nic.getName().equals(name)) {
            throw new SocketException("interface " + name + " is gone");
        }
        return nic;
    }

    /** {@code eth0 192.168.1.20}, as the log names it. */
    @Override
    public String toString() {
        return name + " " + address.getHostAddress();
    }

    private static int toInt(InetAddress address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    /**
     * The configured interface (by name: at its first IPv4 address now), or for the wildcard the
     * first LAN interface that is up. Throws, with a message a user can act on, when there is none:
     * none may be up yet, the named one may not exist yet (a USB adapter, a VPN), or the configured
     * address may have gone (a new DHCP lease); the beacon waits and looks again.
     */
    static BeaconInterface resolve(BeaconConfig config) throws SocketException {
        if (config.interfaceName() != null) {
            return named(config.interfaceName());
        }
        InetAddress wanted = config.interfaceAddress();
        if (!wanted.isAnyLocalAddress()) {
            NetworkInterface nic = NetworkInterface.getByInetAddress(wanted);
            if (nic == null) {
                throw new SocketException("no interface of this host has the address " + wanted.getHostAddress());
            }
            if (!nic.isUp()) {
                throw new SocketException("interface " + nic.getName() + " with the address "
                        + wanted.getHostAddress() + " is down");
            }
            return of(nic, (Inet4Address) wanted);
        }
        return firstLan(config.mode()).orElseThrow(() -> new SocketException(
                "no interface is up with an IPv4 address for a " + config.mode() + " beacon"
                        + " (choose one with --discovery-interface)"));
    }

    private static BeaconInterface named(String name) throws SocketException {
        NetworkInterface nic = NetworkInterface.getByName(name);
        if (nic == null) {
            throw new SocketException("no interface named " + name);
        }
        if (!nic.isUp()) {
            throw new SocketException("interface " + name + " is down");
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
            if (address instanceof Inet4Address) {
                return of(nic, (Inet4Address) address);
            }
        }
        throw new SocketException("interface " + name + " has no IPv4 address");
    }

    /**
     * The LAN interface: of those up, not loopback, with an IPv4 address (and multicast, for a
     * multicast beacon), the one the default route uses; failing that, the first by index whose
     * name is not a container's or a VM's bridge; failing that, the first. Java lists interfaces
     * newest first, so on a machine with Docker this used to be docker0, and nodes on the same
     * LAN never heard each other.
     */
    static Optional<BeaconInterface> firstLan(BeaconMode mode) throws SocketException {
        List<BeaconInterface> candidates = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()
                    || (mode == BeaconMode.MULTICAST && !nic.supportsMulticast())) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address) {
                    candidates.add(of(nic, (Inet4Address) address));
                    break;
                }
            }
        }
        return best(candidates, DefaultRoute.interfaceName());
    }

    /** Name prefixes of bridges and links that containers and virtual machines add to a host. */
    private static final List<String> HOST_ONLY = List.of("docker", "br-", "veth", "virbr", "vboxnet", "vmnet",
            "cni", "flannel", "podman", "lxcbr", "lxdbr", "incusbr", "vnet");

    /** Of the candidates, the default route's, else the first by index that is not host-only, else the first. Pure. */
    static Optional<BeaconInterface> best(List<BeaconInterface> candidates, Optional<String> defaultRoute) {
        List<BeaconInterface> byIndex = new ArrayList<>(candidates);
        byIndex.sort(Comparator.comparingInt(BeaconInterface::index));
        Optional<BeaconInterface> routed = byIndex.stream().filter(c -> defaultRoute.map(c.name()::equals).orElse(false)).findFirst();
        if (routed.isPresent()) {
            return routed;
        }
        Optional<BeaconInterface> lan = byIndex.stream().filter(c -> HOST_ONLY.stream().noneMatch(c.name()::startsWith)).findFirst();
        return lan.isPresent() ? lan : byIndex.stream().findFirst();
    }

    private static BeaconInterface of(NetworkInterface nic, Inet4Address address) {
        int prefix = nic.getInterfaceAddresses().stream()
                .filter(a -> a.getAddress().equals(address))
                .mapToInt(InterfaceAddress::getNetworkPrefixLength)
                .findFirst()
                .orElse(32);
        return new BeaconInterface(nic.getName(), nic.getIndex(), address, prefix);
    }
}

package peerchat.engine.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code --discovery-interface} names: an interface by its IPv4 address ({@code 192.168.1.20})
 * or by its name ({@code wlan0}, {@code eth0.100}). A name is what survives a new DHCP lease, so the
 * beacon follows whatever IPv4 address the named interface has now. Read without any lookup:
 * something that is not a dotted IPv4 address is a name, never a host name to ask DNS about (a
 * slow or absent resolver must not hold up the start, and a host name says nothing about which
 * interface to use).
 *
 * @param address the interface's address, or null when given by name
 * @param name    the interface's name, or null when given by address
 */
public record InterfaceChoice(Inet4Address address, String name) {
    /** Linux's IFNAMSIZ less the terminating zero. */
    static final int MAX_NAME = 15;
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:@-]{1," + MAX_NAME + "}");

    public InterfaceChoice {
        if ((address == null) == (name == null)) {
            throw new IllegalArgumentException("an interface is chosen by its address or by its name");
        }
    }

    /**
     * @throws IllegalArgumentException with a message for the user when the text is neither
     */
    public static InterfaceChoice parse(String text) {
        String t = Objects.requireNonNull(text, "text").trim();
        if (DOTTED_QUAD.matcher(t).matches()) {
            return new InterfaceChoice(ipv4(t), null);
        }
        if (t.contains("::") || t.chars().filter(c -> c == ':').count() > 1) {
            throw new IllegalArgumentException("the beacon is IPv4 only: give an IPv4 address or an interface name, not " + t);
        }
        if (!NAME.matcher(t).matches()) {
            throw new IllegalArgumentException("not an IPv4 address or an interface name: '" + t + "'");
        }
        return new InterfaceChoice(null, t);
    }

    /**
     * Whether this is the host's loopback (nodes on one host only): its beacon broadcasts within
     * 127.0.0.0/8, where there is no multicast. A name is looked up among the host's interfaces.
     */
    public boolean loopback() {
        if (address != null) {
            return address.isLoopbackAddress();
        }
        try {
            NetworkInterface nic = NetworkInterface.getByName(name);
            return nic != null && nic.isLoopback();
        } catch (SocketException e) {
            return false; // not there yet: a LAN interface to wait for
        }
    }

    /** The beacon configuration {@code base} on this interface. */
    public BeaconConfig applyTo(BeaconConfig base) {
        return address != null ? base.withInterface(address) : base.withInterfaceName(name);
    }

    @Override
    public String toString() {
        return address != null ? address.getHostAddress() : name;
    }

    private static Inet4Address ipv4(String dotted) {
        String[] parts = dotted.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            bytes[i] = (byte) v;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an address", e);
        }
    }
}

package peerchat.engine.node;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code host:port} text, as flags, the log and the JSON output write addresses. */
final class Addresses {
    private Addresses() {
    }

    static InetSocketAddress parse(String text, int defaultPort) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon < 0 || t.endsWith("]")) {
            return InetSocketAddress.createUnresolved(t, defaultPort);
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port in " + text);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range in " + text);
        }
        return new InetSocketAddress(host, port);
    }

    static String text(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    /**
     * Where people reach a node bound to {@code bound}: that address, or for a node on every
     * interface ({@code 0.0.0.0}, which Java reports as {@code 0:0:0:0:0:0:0:0}) its LAN address,
     * else loopback's. What the title, the prompt, {@code -lu} and {@code ready} show: a wildcard
     * told nobody where to point {@code --peer}.
     */
    static String reachable(InetSocketAddress bound, Supplier<Optional<Inet4Address>> lan) {
        if (bound.getAddress() == null || !bound.getAddress().isAnyLocalAddress()) {
            return text(bound);
        }
        return lan.get().map(Inet4Address::getHostAddress).orElse("127.0.0.1") + ":" + bound.getPort();
    }
}

package peerchat.engine.node;

import java.net.InetSocketAddress;

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
}

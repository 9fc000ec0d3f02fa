package peerchat.ui.launch;

import java.util.Objects;

/**
 * A {@code host:port} from the command line. The host may be empty ({@code :7117}: all
 * interfaces), a name, an IPv4 literal or a bracketed IPv6 literal ({@code [::1]:7117}); the port
 * may be left out, and is then {@link #NO_PORT} for the caller to fill in.
 */
public record HostPort(String host, int port) {
    public static final int NO_PORT = -1;

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (port != NO_PORT && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("port out of range 0-65535: " + port);
        }
    }

    public static HostPort parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty address: expected HOST:PORT");
        }
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "': missing ']' after an IPv6 address");
            }
            host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("'" + text + "': expected ':PORT' after ']'");
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = t.lastIndexOf(':');
            if (colon >= 0 && t.indexOf(':') != colon) {
                throw new IllegalArgumentException("'" + text + "': write an IPv6 address as [ADDR]:PORT");
            }
            host = colon < 0 ? t : t.substring(0, colon);
            port = colon < 0 ? null : t.substring(colon + 1);
        }
        if (host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("'" + text + "': a host has no spaces");
        }
        if (port == null) {
            return new HostPort(host, NO_PORT);
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("'" + text + "': port out of range 0-65535");
            }
            return new HostPort(host, p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': the port is not a number");
        }
    }

    public HostPort withDefaults(String defaultHost, int defaultPort) {
        return new HostPort(host.isEmpty() ? defaultHost : host, port == NO_PORT ? defaultPort : port);
    }

    public boolean hasPort() {
        return port != NO_PORT;
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return port == NO_PORT ? h : h + ":" + port;
    }
}

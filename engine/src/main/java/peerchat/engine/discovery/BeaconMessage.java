package peerchat.engine.discovery;

import java.net.InetSocketAddress;
import java.util.Objects;
import peerchat.store.event.NodeId;

/** What one beacon datagram says: this node, listening there. */
record BeaconMessage(NodeId id, InetSocketAddress listen) {
    BeaconMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(listen, "listen");
        if (listen.isUnresolved() || listen.getPort() == 0) {
            throw new IllegalArgumentException("a beacon advertises a resolved address and a real port: " + listen);
        }
    }
}

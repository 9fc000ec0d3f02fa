package peerchat.engine.discovery;

import java.net.InetSocketAddress;
import java.util.Objects;
import peerchat.store.event.NodeId;

/** Another node heard on the LAN: who it is and where its TCP listener can be dialed. */
public record Sighting(NodeId id, InetSocketAddress listenAddress) {
    public Sighting {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(listenAddress, "listenAddress");
        if (listenAddress.isUnresolved()) {
            throw new IllegalArgumentException("a sighting needs a resolved address: " + listenAddress);
        }
    }
}

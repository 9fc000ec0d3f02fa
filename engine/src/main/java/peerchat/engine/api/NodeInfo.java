package peerchat.engine.api;

import peerchat.store.event.NodeId;

/** Who this node is and where it listens ({@code host:port}). */
public record NodeInfo(NodeId id, String name, String listen) {
}

package peerchat.engine.discovery;

/** How a beacon reaches the other nodes on its link. */
public enum BeaconMode {
    /** To a multicast group joined on the chosen interface: works between processes on one host too. */
    MULTICAST,
    /** To a broadcast address, as the original program did: for networks that drop multicast. */
    BROADCAST
}

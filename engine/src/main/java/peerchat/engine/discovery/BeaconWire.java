package peerchat.engine.discovery;

/**
 * The beacon datagram's limits, in one place. Layout (big-endian): magic (4 bytes), version (1),
 * node id length (1) and its ASCII hex, address length (1: 4 or 16) and the address bytes, port (2).
 */
final class BeaconWire {
    /** "PCHB": tells a peerchat beacon from anything else that lands on the port. */
    static final int MAGIC = 0x50434842;
    static final int VERSION = 1;
    static final int MAX_ID_LENGTH = 64;
    /** Larger than any valid beacon (4+1+1+64+1+16+2 = 89); anything bigger is not ours. */
    static final int MAX_DATAGRAM = 128;

    private BeaconWire() {
    }
}

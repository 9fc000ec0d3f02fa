package peerchat.engine.discovery;

/** A datagram on the beacon port that is not a beacon this version understands; the reason says why. */
final class MalformedBeaconException extends Exception {
    MalformedBeaconException(String reason) {
        super(reason);
    }
}

package peerchat.engine.causal;

/**
 * Deliberate bugs a test can switch on in a {@link CausalCore}, to prove that the simulator's
 * oracle and invariant checks catch them (a check that cannot fail proves nothing). Production
 * code always uses {@link #NONE}; the public constructor offers no way to pick another.
 */
enum Fault {
    NONE,
    /** Deliver every message on arrival, ignoring its dependencies. */
    SKIP_DELIVERY_CONDITION,
    /** The prototype's bug: the receiver is never removed from the destinations it has reached. */
    KEEP_RECEIVER_IN_DESTS,
    /** The prototype's bug: no duplicate check, so a retransmitted copy is delivered again. */
    NO_DUPLICATE_CHECK
}

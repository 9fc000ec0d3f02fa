package peerchat.engine.causal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The checks can fail: cores with a deliberate bug (including the student prototype's) are run
 * through the same simulation, and each is caught, with the reason named.
 */
class OracleMutantTest {

    private static void runSeeds(Simulation.Config config) {
        for (long seed = 1; seed <= 20; seed++) {
            Simulation.run(config, seed);
        }
    }

    @Test
    void skippingTheDeliveryConditionIsCaughtAsACausalViolation() {
        assertThatThrownBy(() -> runSeeds(Simulation.Config.of(5, 200).with(Fault.SKIP_DELIVERY_CONDITION)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("causal order violated");
    }

    @Test
    void notRemovingTheReceiverFromDestsIsCaughtByTheInvariant() {
        assertThatThrownBy(() -> runSeeds(Simulation.Config.of(5, 200).with(Fault.KEEP_RECEIVER_IN_DESTS)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("names itself");
    }

    @Test
    void noDuplicateCheckIsCaughtAsADuplicateDelivery() {
        assertThatThrownBy(() -> runSeeds(Simulation.Config.of(5, 200).with(Fault.NO_DUPLICATE_CHECK)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("duplicate delivery");
    }

    @Test
    void theCorrectCoreRunsTheSameSeedsClean() {
        runSeeds(Simulation.Config.of(5, 200));
    }
}

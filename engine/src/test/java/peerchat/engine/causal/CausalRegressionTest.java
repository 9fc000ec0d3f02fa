package peerchat.engine.causal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Counterexamples QuickTheories shrank (CausalPropertiesTest's generators, seed 3), kept as named
 * schedules: each must still catch its bug, and the correct core must pass it. A schedule is
 * written as its length and its few non-zero decisions; zero is the quiet default of
 * {@link Choices}.
 */
class CausalRegressionTest {

    private static List<Integer> schedule(int length, int... indexValuePairs) {
        List<Integer> s = new ArrayList<>(Collections.nCopies(length, 0));
        for (int i = 0; i < indexValuePairs.length; i += 2) {
            s.set(indexValuePairs[i], indexValuePairs[i + 1]);
        }
        return s;
    }

    private static void run(Fault fault, List<Integer> schedule) {
        new Simulation(Simulation.Config.of(2, 40).with(fault), Choices.of(schedule)).run();
    }

    /** Two processes; a message overtakes an earlier one of the same sender on a reordering channel. */
    @Test
    void overtakingMessageOfTheSameSenderNeedsTheDeliveryCondition() {
        List<Integer> s = schedule(82, 23, 2, 74, 58, 81, 1);
        assertThatThrownBy(() -> run(Fault.SKIP_DELIVERY_CONDITION, s)).hasMessageContaining("causal order violated");
        run(Fault.NONE, s);
    }

    /** The prototype's bug: the very first delivery leaves the receiver in D. */
    @Test
    void firstDeliveryMustRemoveTheReceiverFromD() {
        List<Integer> s = List.of();
        assertThatThrownBy(() -> run(Fault.KEEP_RECEIVER_IN_DESTS, s)).hasMessageContaining("names itself");
        run(Fault.NONE, s);
    }

    /** One duplicated copy, arriving again after its original was delivered. */
    @Test
    void aDuplicatedCopyMustBeDroppedNotRedelivered() {
        List<Integer> s = schedule(111, 93, 1, 110, 95);
        assertThatThrownBy(() -> run(Fault.NO_DUPLICATE_CHECK, s)).hasMessageContaining("duplicate delivery");
        run(Fault.NONE, s);
    }
}

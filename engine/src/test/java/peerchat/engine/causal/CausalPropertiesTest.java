package peerchat.engine.causal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Property tests over schedules: the schedule is the list of numbers the simulator takes its
 * decisions from, so when a property fails QuickTheories shrinks it to a short list (and fewer
 * processes) that still fails. A counterexample found here becomes a named test in
 * {@link CausalRegressionTest}.
 */
class CausalPropertiesTest {
    private static final Gen<List<Integer>> SCHEDULES = lists().of(integers().between(0, 999)).ofSizeBetween(0, 600);

    private static void run(Simulation.Config config, List<Integer> schedule) {
        new Simulation(config, Choices.of(schedule)).run();
    }

    @Test
    void everyScheduleOverReorderingChannelsIsCausalAndDrains() {
        qt().withFixedSeed(20261124L).withExamples(300)
                .forAll(integers().between(2, 7), integers().between(0, 3), SCHEDULES)
                .checkAssert((n, joiners, schedule) ->
                        run(Simulation.Config.of(n, 40).withJoiners(joiners).withRestarts(20), schedule));
    }

    @Test
    void everyScheduleOverPausingFifoLinksIsCausalAndDrains() {
        qt().withFixedSeed(11L).withExamples(200)
                .forAll(integers().between(2, 7), integers().between(1, 3), SCHEDULES)
                .checkAssert((n, bound, schedule) ->
                        run(Simulation.Config.of(n, 40).withJoiners(1).withRestarts(20).withFifoLinks(bound)
                                .withSendPercent(70), schedule));
    }

    @Test
    void everyScheduleOverPausingReorderingLinksIsCausalAndDrains() {
        qt().withFixedSeed(12L).withExamples(200)
                .forAll(integers().between(2, 7), integers().between(1, 3), SCHEDULES)
                .checkAssert((n, bound, schedule) ->
                        run(Simulation.Config.of(n, 40).withJoiners(1).withRestarts(20)
                                .withPausingReorderingLinks(bound).withSendPercent(70), schedule));
    }

    @Test
    void shrinkingFindsASmallScheduleThatCatchesAMutant() {
        assertThatThrownBy(() -> qt().withFixedSeed(3L).withExamples(300)
                .forAll(integers().between(2, 7), SCHEDULES)
                .checkAssert((n, schedule) ->
                        run(Simulation.Config.of(n, 40).with(Fault.SKIP_DELIVERY_CONDITION), schedule)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Smallest found falsifying value")
                .hasMessageContaining("causal order violated");
    }
}

package peerchat.engine.causal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The causal core under the seeded simulator (see {@link Simulation}): reordering, delaying,
 * duplicating and dropping channels, random destination sets from unicast to broadcast, processes
 * joining midway and restarting from their recorded inputs, each run judged by the {@link Oracle}.
 */
class CausalSimulationTest {

    @Test
    void reorderingDuplicatingDroppingChannelsOverManySeeds() {
        long deliveries = 0;
        for (long seed = 1; seed <= 50; seed++) {
            int n = 3 + (int) (seed % 14);
            Simulation.Result r = Simulation.run(Simulation.Config.of(n, 600), seed);
            assertThat(r.duplicates()).isPositive();
            deliveries += r.deliveries();
        }
        // The scale of proof: at least 10^5 checked deliveries in the normal test run.
        assertThat(deliveries).isGreaterThanOrEqualTo(100_000);
    }

    @Test
    void processesJoiningMidway() {
        long deliveries = 0;
        for (long seed = 100; seed < 115; seed++) {
            Simulation.Result r = Simulation.run(Simulation.Config.of(2, 500).withJoiners(8), seed);
            deliveries += r.deliveries();
        }
        assertThat(deliveries).isGreaterThan(15_000);
    }

    @Test
    void processesRestartingFromTheirRecordedInputsMidRun() {
        long restarts = 0;
        long deliveries = 0;
        for (long seed = 200; seed < 210; seed++) {
            Simulation.Result r = Simulation.run(Simulation.Config.of(6, 400).withJoiners(2).withRestarts(5), seed);
            restarts += r.restarts();
            deliveries += r.deliveries();
        }
        assertThat(restarts).isGreaterThan(20);
        assertThat(deliveries).isGreaterThan(5_000);
    }

    @Test
    void fifoLinksPausedWhenTheBufferIsFullStayLiveAndBounded() {
        long pauses = 0;
        long deliveries = 0;
        for (long seed = 300; seed < 320; seed++) {
            Simulation.Config c = Simulation.Config.of(8, 500).withJoiners(2).withRestarts(2).withFifoLinks(2)
                    .withSendPercent(70);
            Simulation.Result r = Simulation.run(c, seed);
            pauses += r.pauses();
            deliveries += r.deliveries();
        }
        assertThat(pauses).as("the bound was reached, so pausing was exercised").isPositive();
        assertThat(deliveries).isGreaterThan(20_000);
    }

    @Test
    void reorderingLinksPausedWhenTheBufferIsFullPassOnlyDeliverableCopiesAndStayLive() {
        long pauses = 0;
        for (long seed = 500; seed < 510; seed++) {
            Simulation.Config c = Simulation.Config.of(6, 400).withJoiners(1).withRestarts(2)
                    .withPausingReorderingLinks(1 + (int) (seed % 3)).withSendPercent(70);
            pauses += Simulation.run(c, seed).pauses();
        }
        assertThat(pauses).as("the bound was reached, so pausing was exercised").isPositive();
    }

    @Test
    void highConcurrencyBroadcastHeavyRuns() {
        long deliveries = 0;
        for (long seed = 400; seed < 405; seed++) {
            Simulation.Result r = Simulation.run(Simulation.Config.of(24, 300).withSendPercent(90), seed);
            deliveries += r.deliveries();
        }
        assertThat(deliveries).isGreaterThan(10_000);
    }
}

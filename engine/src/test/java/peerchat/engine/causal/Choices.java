package peerchat.engine.causal;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Where the simulator takes every decision from. A seeded random source for the big runs; a
 * fixed list of numbers for property tests, so that QuickTheories can shrink a failing schedule
 * by shrinking the list. Zero always means the quietest choice (deliver the oldest copy, no fault),
 * so an exhausted list drains the simulation to quiescence.
 */
interface Choices {
    /** A number in {@code [0, bound)}. */
    int next(int bound);

    static Choices seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return random::nextInt;
    }

    static Choices of(List<Integer> numbers) {
        return new Choices() {
            private int at;

            @Override
            public int next(int bound) {
                return at < numbers.size() ? Math.floorMod(numbers.get(at++), bound) : 0;
            }
        };
    }
}

package peerchat.bench.system;

import java.lang.management.ManagementFactory;

/**
 * Bytes this JVM's threads have allocated on the heap so far, as HotSpot counts them per thread.
 * Unlike CPU time it does not stretch when the shared machine is busy (on this virtual machine a
 * flood's CPU per delivery went from 17 to 33 µs between two runs of the same code), so a change
 * to the hot path can be read from it run against run. Threads that ended before the reading are
 * not counted: the nodes' threads live through a run, the benchmark's short-lived writers do not.
 */
public final class Allocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    public static long bytes() {
        long sum = 0;
        for (long b : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            if (b > 0) { // -1: the thread ended meanwhile
                sum += b;
            }
        }
        return sum;
    }
}

package peerchat.bench.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time another process has used so far, from Linux's /proc/PID/stat (user + system). */
public final class ProcCpu {
    /** The kernel reports in clock ticks of USER_HZ, 100 a second on Linux whatever the kernel's own tick. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcCpu() {
    }

    public static long nanos(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            throw new UncheckedIOException("no CPU time for process " + pid, e);
        }
        // After "pid (comm) ": the name may hold spaces and parentheses, so count from its end.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14 and 15 of the file (utime, stime) are the 12th and 13th after the name.
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
    }
}

package peerchat.bench.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a process, from Linux's /proc/PID/status: all of it (VmRSS), and the part
 * that is the process's own (RssAnon: heap, stacks, native buffers). The rest is mapped files —
 * the jar, and a node's Chronicle log, whose pages stay resident once touched but are the page
 * cache's to drop.
 */
public final class Rss {
    private Rss() {
    }

    /** Resident set size in MiB, or -1 where /proc cannot tell. */
    public static double mib(long pid) {
        return field(pid, "VmRSS:");
    }

    /** Anonymous resident memory in MiB, or -1 where /proc cannot tell. */
    public static double anonMib(long pid) {
        return field(pid, "RssAnon:");
    }

    private static double field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}

package peerchat.store;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child JVM with a directory that is a small tmpfs of its own: mounted in a mount
 * namespace made for the child ({@code unshare --mount}), so nothing outside sees it and it goes
 * away with the child. For tests of a disk that really fills up. Needs root: {@link #permitted}.
 */
public final class OwnTmpfs {
    private static final long TIMEOUT_SECONDS = 120;

    private OwnTmpfs() {
    }

    /** Skips the test unless a tmpfs can be mounted in a namespace of its own here (tried in {@code dir}). */
    public static void assumePermitted(Path dir) throws IOException {
        assumeThat(permitted(Files.createDirectory(dir.resolve("tmpfs-probe"))))
                .as("unshare --mount with a tmpfs works here (root)").isTrue();
    }

    private static boolean permitted(Path scratch) {
        try {
            Process p = new ProcessBuilder(unshare(scratch, 1, ""))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code mainClass} on this JVM's class path with {@code disk} (an empty directory) a
     * tmpfs of {@code megabytes}, its first argument, then {@code args}; returns the lines it
     * printed that start with an upper-case word and a space (its reports; the log's lines start
     * otherwise). Its stderr goes to {@code disk}'s sibling {@code child.log}.
     *
     * @throws IllegalStateException if it runs past two minutes or exits with an error (its log's end included)
     */
    public static List<String> run(Path disk, int megabytes, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = unshare(disk, megabytes, " && exec \"$@\"");
        List<String> childArgs = new ArrayList<>(List.of(disk.toString()));
        childArgs.addAll(Arrays.asList(args));
        command.addAll(ChildJvm.command(mainClass, childArgs.toArray(String[]::new)));
        Path stdout = disk.resolveSibling("child.out");
        Path stderr = disk.resolveSibling("child.log");
        Process child = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            if (!child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the child ran past " + TIMEOUT_SECONDS + " s; printed "
                        + Files.readAllLines(stdout) + "; its log ends: " + tail(stderr));
            }
        } finally {
            child.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(stdout).stream().filter(l -> l.matches("[A-Z][A-Z ]* .*")).toList();
        if (child.exitValue() != 0) {
            throw new IllegalStateException("the child exited with " + child.exitValue() + "; printed " + lines
                    + "; its log ends: " + tail(stderr));
        }
        return lines;
    }

    /** All the last child run on {@code disk} printed, its stdout (where a test's log goes) and its stderr. */
    public static String output(Path disk) throws IOException {
        StringBuilder all = new StringBuilder();
        for (String name : List.of("child.out", "child.log")) {
            Path file = disk.resolveSibling(name);
            if (Files.exists(file)) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    private static List<String> unshare(Path dir, int megabytes, String then) {
        return new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--", "sh", "-c",
                "mount -t tmpfs -o size=" + megabytes + "m peerchat-test-disk \"$0\"" + then, dir.toString()));
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "(none)";
        }
        String s = Files.readString(file);
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}

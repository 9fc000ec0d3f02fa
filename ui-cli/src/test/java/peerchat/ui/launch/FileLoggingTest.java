package peerchat.ui.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The node's log file, on a real disk: rolled over at its size, a few old files kept, never more. */
class FileLoggingTest {
    @TempDir
    Path dir;

    @Test
    void theLogRollsOverAtItsSizeAndKeepsFourOldFilesOnly() throws IOException {
        FileLogging.start(dir, 4_000);
        try {
            org.slf4j.Logger log = LoggerFactory.getLogger("peerchat.test");
            for (int i = 0; i < 2_000; i++) {
                log.info("line {} of a noisy peer, padded to some length: {}", i, "x".repeat(40));
            }
        } finally {
            FileLogging.stop();
        }
        List<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(files).containsExactly("peerchat.1.log", "peerchat.2.log", "peerchat.3.log", "peerchat.4.log", "peerchat.log");
        for (String f : files) {
            // a file rolls once it has reached the size: at most one line over it
            assertThat(Files.size(dir.resolve(f))).as(f).isLessThan(4_000 + 200);
        }
        assertThat(Files.readString(dir.resolve("peerchat.log"))).contains("line 1999 of a noisy peer");
        assertThat(Files.readString(dir.resolve("peerchat.1.log"))).doesNotContain("line 1999 ").contains("line 19");
    }
}

package peerchat.store.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fallocate(2) through Chronicle's binding, on a real file; its blocks read back with {@code stat}. */
class FallocateTest {
    private static final long MB = 1 << 20;

    @TempDir
    Path dir;

    @BeforeEach
    void bindingLoaded() {
        assumeThat(System.getProperty("os.name")).as("fallocate(2) is Linux's").isEqualTo("Linux");
        await().atMost(Duration.ofSeconds(30)).until(Fallocate::available);
    }

    @Test
    void allocatesBlocksGrowingTheFileAndPunchesThemOutKeepingItsLength() throws Exception {
        Path file = Files.createFile(dir.resolve("f"));

        assertThat(Fallocate.allocate(file, 0, 4 * MB)).isTrue();
        assertThat(Files.size(file)).isEqualTo(4 * MB);
        assertThat(LogRoomTest.allocated(file)).isGreaterThanOrEqualTo(4 * MB);

        assertThat(Fallocate.punchHole(file, MB, 3 * MB)).isTrue();
        assertThat(Files.size(file)).as("length kept").isEqualTo(4 * MB);
        assertThat(LogRoomTest.allocated(file)).isLessThanOrEqualTo(MB);
        assertThat(Files.readAllBytes(file)).as("a hole reads as zeros").containsOnly(0);
    }

    @Test
    void aFileThatIsNotThereIsNotAllocatedNorPunched() {
        Path missing = dir.resolve("missing");

        assertThat(Fallocate.allocate(missing, 0, MB)).isFalse();
        assertThat(Fallocate.punchHole(missing, 0, MB)).isFalse();
        assertThat(missing).doesNotExist();
    }
}

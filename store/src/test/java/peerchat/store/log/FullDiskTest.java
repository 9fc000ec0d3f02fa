package peerchat.store.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.store.OwnTmpfs;

/**
 * A full disk refuses appends with {@link LogFullException} (no SIGBUS from the memory-mapped
 * queue file, no crash), loses nothing already written, and appends go on once space is freed.
 * The disk is real: a 16 MB tmpfs of the child's own. Skipped where that is not permitted (not root).
 */
class FullDiskTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskRefusesAppendsAndLosesNothing() throws Exception {
        OwnTmpfs.assumePermitted(dir);

        Path disk = Files.createDirectory(dir.resolve("disk"));
        List<String> lines = OwnTmpfs.run(disk, 16, DiskFiller.class);

        assertThat(lines).hasSize(4);
        long full = Long.parseLong(lines.get(0).replace("FULL ", ""));
        // 16 MB less the 4 MB ballast, of ~2 KB entries: thousands, not a handful.
        assertThat(full).isGreaterThan(2_000);
        assertThat(lines.get(1)).isEqualTo("REFUSED 4 nothing-written");
        assertThat(lines.get(2)).isEqualTo("AFTER 100");
        assertThat(lines.get(3)).isEqualTo("REPLAYED " + (full + 100) + " in-order");
        assertThat(OwnTmpfs.output(disk)).doesNotContain("InternalError", "SIGBUS");
    }
}

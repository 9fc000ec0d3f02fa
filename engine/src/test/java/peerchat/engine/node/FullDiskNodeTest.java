package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.store.OwnTmpfs;

/**
 * A node whose disk fills up stays up: its sends are refused with a clear error before its causal
 * core takes them, messages for it wait unacknowledged, and once space is freed they are taken
 * and it sends again, in order, nothing lost, also across a restart. Real disk (a 16 MB tmpfs of
 * the child's own, see {@link FullDiskPair}), real TCP on loopback. Skipped where mounting is not
 * permitted (not root).
 */
class FullDiskNodeTest {
    @TempDir
    Path dir;

    @Test
    void aNodeWhoseDiskIsFullRefusesToSendWaitsToReceiveAndGoesOnWhenThereIsRoom() throws Exception {
        OwnTmpfs.assumePermitted(dir);

        Path disk = Files.createDirectory(dir.resolve("disk"));
        Path other = Files.createDirectory(dir.resolve("other"));
        List<String> lines = OwnTmpfs.run(disk, 16, FullDiskPair.class, other.toString());

        assertThat(lines).hasSize(10);
        int sent = Integer.parseInt(lines.get(0).replace("SENT ", ""));
        // What the room allocated ahead of the log still held when the disk filled.
        assertThat(sent).isPositive();
        assertThat(lines.get(1)).startsWith("REFUSED could not send: the disk holding ").contains("is full");
        assertThat(lines.get(2)).isEqualTo("BOB GOT " + sent + " in-order");
        assertThat(lines.get(3)).isEqualTo("BOB SENDS Sent");
        assertThat(lines.get(4)).isEqualTo("ALICE UP Messages 0");
        // the user is told, once, why nothing arrives
        assertThat(lines.get(5)).startsWith("ALICE WARNED [the disk holding ").contains("is full")
                .endsWith(": messages for you wait at their senders and come once there is room; free some space]");
        assertThat(lines.get(6)).isEqualTo("ALICE GOT [from bob]");
        assertThat(lines.get(7)).isEqualTo("ALICE SENDS Sent");
        assertThat(lines.get(8)).isEqualTo("BOB GOT AFTER " + (sent + 1));
        assertThat(lines.get(9)).isEqualTo("RESTARTED " + (sent + 2) + " last after room");
        // bob's message waited on its open link: no refusal that closes it and reconnects.
        assertThat(OwnTmpfs.output(disk)).contains("waits for room").doesNotContain("journal refused", "InternalError", "SIGBUS");
    }
}

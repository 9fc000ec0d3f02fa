package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;

/** The data directory holds the key and every message: other local users cannot read it. */
class PrivateDataDirTest {
    @TempDir
    Path dir;

    @Test
    void aDataDirectoryOpenToOthersIsTheUsersAloneOnceTheNodeStarts() throws IOException {
        Path data = dir.resolve("alice");
        Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x")); // whatever the umask
        Node alice = Node.start(NodeConfig.loopback("alice", data, "127.0.0.2")).block(LoopbackNodes.WAIT);
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        } finally {
            alice.shutdown().block(LoopbackNodes.WAIT);
        }
    }

    @Test
    void aNewDataDirectoryIsTheUsersAlone() throws IOException {
        Path data = dir.resolve("new").resolve("bob");
        Node bob = Node.start(NodeConfig.loopback("bob", data, "127.0.0.2")).block(LoopbackNodes.WAIT);
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        } finally {
            bob.shutdown().block(LoopbackNodes.WAIT);
        }
    }
}

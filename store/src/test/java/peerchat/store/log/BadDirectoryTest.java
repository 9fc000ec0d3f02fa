package peerchat.store.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.store.Fixtures;
import peerchat.store.Store;
import peerchat.store.event.Event;

/** A data directory that is not one: a clear error at open, and the process goes on. */
class BadDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void aPlainFileWhereTheDirectoryShouldBeIsAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "hello");
        assertThatThrownBy(() -> Store.open(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a file").hasMessageContaining(file.toString());
        assertThat(Files.readString(file)).isEqualTo("hello");
    }

    @Test
    void aStrayFileInTheDirectoryIsLeftAloneAndTheLogWorks() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a queue file");
        try (Store store = Store.open(dir)) {
            long index = store.append(new Event.PeerAcked(Fixtures.BOB, 1, 1)).block(Duration.ofSeconds(10));
            assertThat(store.read(index)).isPresent();
        }
        assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("not a queue file");
    }

    @Test
    void aQueueFileWithADamagedHeaderIsAClearErrorAndIsLeftAsItIs() throws Exception {
        try (Store store = Store.open(dir)) {
            store.append(new Event.PeerAcked(Fixtures.BOB, 1, 1)).block(Duration.ofSeconds(10));
        }
        Path file;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.write(new byte[] {0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A, 0x5A});
        }
        byte[] damaged = Files.readAllBytes(file);

        assertThatThrownBy(() -> Store.open(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the log in " + dir).hasMessageContaining("left as it is");
        assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
    }
}

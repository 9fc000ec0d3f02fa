package peerchat.ui.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameFileTest {
    @TempDir
    Path dir;

    @Test
    void aStoredNameIsReadBackAndARenameReplacesIt() throws Exception {
        Path data = dir.resolve("new/data");
        assertThat(NameFile.read(data)).isEmpty();
        NameFile.store(data, "alice");
        assertThat(NameFile.read(data)).contains("alice");
        NameFile.store(data, "alicia");
        assertThat(NameFile.read(data)).contains("alicia");
        assertThat(Files.readString(data.resolve("name"))).isEqualTo("alicia\n");
        assertThat(data.resolve("name.tmp")).doesNotExist();
    }

    @Test
    void anEmptyFileIsNoName() throws Exception {
        Files.writeString(dir.resolve("name"), "  \n");
        assertThat(NameFile.read(dir)).isEmpty();
    }

    @Test
    void aDamagedNameFileSaysSoAndANameGivenWritesItAgain() throws Exception {
        Files.write(dir.resolve("name"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NameFile.read(dir))
                .hasMessageContaining("is damaged (not text): start with --name, which writes it again");
        NameFile.store(dir, "alice");
        assertThat(NameFile.read(dir)).contains("alice");
    }
}

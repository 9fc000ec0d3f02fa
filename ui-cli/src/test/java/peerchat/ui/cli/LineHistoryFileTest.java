package peerchat.ui.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineHistoryFileTest {
    @TempDir
    Path dir;

    @Test
    void aWholeFileIsLeftAsItIs() throws Exception {
        Path history = dir.resolve("history");
        Files.writeString(history, "1:caf\u00e9\n2:\ud83d\ude00\n");
        assertThat(LineHistoryFile.check(history)).isEqualTo(LineHistoryFile.Checked.fine(history));
        assertThat(Files.readString(history)).isEqualTo("1:caf\u00e9\n2:\ud83d\ude00\n");
        assertThat(dir.resolve("history.damaged")).doesNotExist();
    }

    /** A second damage does not overwrite the first one kept aside; each time the readable lines stay. */
    @Test
    void damagedFilesAreEachKeptAsideAndTheirReadableLinesStay() throws Exception {
        Path history = dir.resolve("history");
        byte[] first = bytes("1:one\n2:bad \u00ff\n3:three\n4:cut \u00f0\u009f");
        Files.write(history, first);
        LineHistoryFile.Checked c = LineHistoryFile.check(history);
        assertThat(c.use()).contains(history);
        assertThat(c.movedTo()).contains(dir.resolve("history.damaged"));
        assertThat(Files.readString(history)).isEqualTo("1:one\n3:three\n");

        byte[] second = bytes("5:five\n6:\u00c3");
        Files.write(history, second);
        assertThat(LineHistoryFile.check(history).movedTo()).contains(dir.resolve("history.damaged.2"));
        assertThat(Files.readAllBytes(dir.resolve("history.damaged"))).isEqualTo(first);
        assertThat(Files.readAllBytes(dir.resolve("history.damaged.2"))).isEqualTo(second);
        assertThat(Files.readString(history)).isEqualTo("5:five\n");
    }

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }
}

package peerchat.ui.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeenMarkerTest {
    @TempDir
    Path dir;

    @Test
    void theNewestShownIsKeptForTheNextRunAndNeverGoesBack() throws Exception {
        SeenMarker first = new SeenMarker(dir);
        assertThat(first.load()).isEqualTo(SeenMarker.NONE);
        first.shown(41);
        first.shown(7);
        first.close();
        assertThat(Files.readString(dir.resolve(SeenMarker.FILE))).isEqualTo("41");

        SeenMarker second = new SeenMarker(dir);
        assertThat(second.load()).isEqualTo(41);
        second.shown(12);
        second.close();
        assertThat(new SeenMarker(dir).load()).isEqualTo(41);
    }

    @Test
    void anUnreadableFileIsNoMarkerNotAFailure() throws Exception {
        Files.writeString(dir.resolve(SeenMarker.FILE), "not a number");
        SeenMarker marker = new SeenMarker(dir);
        assertThat(marker.load()).isEqualTo(SeenMarker.NONE);
        marker.shown(3);
        marker.close();
        assertThat(new SeenMarker(dir).load()).isEqualTo(3);
    }
}

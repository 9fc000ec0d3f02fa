package peerchat.ui.swing.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Rectangle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.assertj.swing.edt.GuiActionRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.UserView;
import peerchat.ui.swing.presenter.MemoryNode;
import peerchat.ui.swing.presenter.ReadMarks;

/** {@code window.properties}: what it keeps comes back, and what the user reads is on disk within seconds. */
class WindowSettingsTest {
    @TempDir
    Path dir;

    @Test
    void theThemeThePlaceAndTheReadMarksComeBackAsTheyWere() {
        Path file = dir.resolve(WindowSettings.FILE_NAME);
        WindowSettings settings = new WindowSettings(true, Optional.of(new Rectangle(10, 20, 900, 600)),
                new ReadMarks(Map.of("#all", 41L, "#dev-ops_2", 7L, "@0123abcd", 40L), OptionalLong.of(41)));

        settings.save(file);

        assertThat(WindowSettings.load(file)).isEqualTo(settings);
        new WindowSettings(false, Optional.empty()).save(file);
        assertThat(WindowSettings.load(file).read()).isEqualTo(ReadMarks.NONE);
    }

    @Test
    void aReadMarkThatIsNotANumberIsLeftOutAndTheRestKept() throws Exception {
        Path file = dir.resolve(WindowSettings.FILE_NAME);
        Files.writeString(file, "dark=false\nread.end=12\nread.\\#all=oops\nread.\\#dev=9\n");

        assertThat(WindowSettings.load(file).read()).isEqualTo(new ReadMarks(Map.of("#dev", 9L), OptionalLong.of(12)));
    }

    private final MemoryNode node = new MemoryNode("ann", "aaaaaaaa");
    private final CountDownLatch closed = new CountDownLatch(1);

    /** A window on {@code node} keeping its settings in {@code file}; {@link #closed} counts down once it has closed. */
    private ChatWindow open(Path file) {
        GuiTesting.requireDisplay();
        return GuiActionRunner.execute(() -> ChatWindow.open(node, Clock.systemDefaultZone(), closed::countDown, file));
    }

    @Test
    void whatTheUserHasReadIsWrittenWhenTheWindowClosesBeforeTheDelayIsUp() throws Exception {
        Path file = dir.resolve(WindowSettings.FILE_NAME);
        ChatWindow window = open(file);

        // One task on the EDT: the delayed write (a Swing timer, on the EDT too) cannot come in between.
        MessageView seen = GuiActionRunner.execute(() -> {
            UserView bob = node.peerUp("bob", "bbbbbbbb");
            MessageView m = node.receive(bob.id(), Conversation.all(), "read, then the window closed");
            window.frame().dispose();
            return m;
        });

        assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(WindowSettings.load(file).read().seen()).containsEntry("#all", seen.cursor());
    }

    @Test
    void whatTheUserReadsIsWrittenWithinSecondsWithoutClosingTheWindow() throws Exception {
        Path file = dir.resolve(WindowSettings.FILE_NAME);
        ChatWindow window = open(file);
        try {
            MessageView seen = GuiActionRunner.execute(() -> {
                UserView bob = node.peerUp("bob", "bbbbbbbb");
                return node.receive(bob.id(), Conversation.all(), "read as it comes");
            });

            await().atMost(Duration.ofMillis(SettingsWriter.DELAY_MS * 3L))
                    .until(() -> WindowSettings.load(file).read().seen().getOrDefault("#all", -1L) == seen.cursor());
            assertThat(GuiActionRunner.execute(() -> window.frame().isDisplayable())).isTrue();
        } finally {
            // Waited for: the window writes its settings at close, into the test's directory.
            GuiActionRunner.execute(() -> window.frame().dispose());
            assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}

package peerchat.ui.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Frame;
import java.awt.Rectangle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.swing.edt.GuiActionRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.Frontend;
import peerchat.ui.swing.presenter.MemoryNode;
import peerchat.ui.swing.window.Theme;
import peerchat.ui.swing.window.WindowSettings;
import reactor.test.StepVerifier;

class SwingFrontendTest {

    @BeforeAll
    static void display() {
        assertThat(java.awt.GraphicsEnvironment.isHeadless())
                .as("needs a display: run under xvfb-run").isFalse();
    }

    @Test
    void theLauncherFindsTheWindowAsGui() {
        assertThat(ServiceLoader.load(Frontend.class).stream().map(p -> p.get().name()))
                .contains("gui");
    }

    @Test
    void runShowsTheWindowAndReturnsWhenItIsClosedWithTheNodeShutDown() throws Exception {
        MemoryNode node = new MemoryNode("ann", "aaaaaaaa");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new SwingFrontend().run(node));

        await().atMost(Duration.ofSeconds(20)).until(() -> window("ann@127.0.0.1:7117") != null);
        assertThat(exit).isNotDone();

        GuiActionRunner.execute(() -> window("ann@127.0.0.1:7117").dispose());

        assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
        // The node was shut down: its event stream has completed.
        StepVerifier.create(node.events()).expectComplete().verify(Duration.ofSeconds(5));
    }

    @Test
    void theThemeAndThePlaceOfTheWindowAreKeptInTheDataDirectory(@TempDir Path data) throws Exception {
        MemoryNode node = new MemoryNode("ann", "aaaaaaaa");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new SwingFrontend().run(node, data));
        await().atMost(Duration.ofSeconds(20)).until(() -> window("ann@127.0.0.1:7117") != null);
        assertThat(GuiActionRunner.execute(Theme::isDark)).isFalse();
        GuiActionRunner.execute(() -> {
            Theme.switchTo(true);
            window("ann@127.0.0.1:7117").setBounds(40, 30, 900, 600);
        });
        GuiActionRunner.execute(() -> window("ann@127.0.0.1:7117").dispose());
        assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(WindowSettings.load(data.resolve(WindowSettings.FILE_NAME)))
                .extracting(WindowSettings::dark, WindowSettings::bounds)
                .containsExactly(true, Optional.of(new Rectangle(40, 30, 900, 600)));

        MemoryNode again = new MemoryNode("ann", "aaaaaaaa");
        GuiActionRunner.execute(() -> Theme.switchTo(false));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> new SwingFrontend().run(again, data));
        await().atMost(Duration.ofSeconds(20)).until(() -> window("ann@127.0.0.1:7117") != null);
        assertThat(GuiActionRunner.execute(Theme::isDark)).isTrue();
        assertThat(GuiActionRunner.execute(() -> window("ann@127.0.0.1:7117").getBounds())).isEqualTo(new Rectangle(40, 30, 900, 600));
        GuiActionRunner.execute(() -> {
            window("ann@127.0.0.1:7117").dispose();
            Theme.switchTo(false);
        });
        assertThat(second.get(20, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void settingsThatCannotBeReadAreTheDefaults(@TempDir Path data) throws Exception {
        Path file = data.resolve(WindowSettings.FILE_NAME);
        Files.writeString(file, "dark=true\nx=12\ny=oops\nwidth=900\nheight=600\n");
        assertThat(WindowSettings.load(file)).isEqualTo(new WindowSettings(true, Optional.empty()));
        Files.write(file, new byte[] {(byte) 0xff, '\\', 'u', 'z', 'z'});
        assertThat(WindowSettings.load(file)).isEqualTo(WindowSettings.DEFAULTS);
        assertThat(WindowSettings.load(data.resolve("none"))).isEqualTo(WindowSettings.DEFAULTS);
    }

    private static Frame window(String title) {
        return GuiActionRunner.execute(() -> Arrays.stream(Frame.getFrames())
                .filter(f -> f.isDisplayable() && f.getTitle().equals(title)).findFirst().orElse(null));
    }
}

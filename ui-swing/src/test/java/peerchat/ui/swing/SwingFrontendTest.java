package peerchat.ui.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Frame;
import java.time.Duration;
import java.util.Arrays;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.swing.edt.GuiActionRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import peerchat.engine.api.Frontend;
import peerchat.ui.swing.presenter.MemoryNode;
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

    private static Frame window(String title) {
        return GuiActionRunner.execute(() -> Arrays.stream(Frame.getFrames())
                .filter(f -> f.isDisplayable() && f.getTitle().equals(title)).findFirst().orElse(null));
    }
}

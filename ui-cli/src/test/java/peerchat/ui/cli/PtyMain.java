package peerchat.ui.cli;

import java.nio.file.Path;
import peerchat.ui.launch.FileLogging;
import peerchat.ui.testing.FakeNode;

/** The terminal frontend as the launcher runs it, on the fake node: started by {@link RealPtyTest} under a pty. */
public final class PtyMain {
    private PtyMain() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        FileLogging.start(data);
        int status = new TerminalFrontend(data).run(new FakeNode());
        FileLogging.stop();
        System.exit(status);
    }
}

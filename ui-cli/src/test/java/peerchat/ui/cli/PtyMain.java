package peerchat.ui.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Reply;
import peerchat.ui.launch.FileLogging;
import peerchat.ui.testing.FakeNode;

/**
 * The terminal frontend as the launcher runs it, on the fake node: started by {@link RealPtyTest}
 * under a pty. With a second argument, a FIFO, {@code -waiting} is a command that runs until the
 * test writes to it, and every other line is a message.
 */
public final class PtyMain {
    private PtyMain() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        FileLogging.start(data);
        FakeNode node = new FakeNode();
        if (args.length > 1) {
            Path release = Path.of(args[1]);
            node.answering(line -> line.equals("-waiting") ? held(release) : sent(node, line));
        }
        int status = new TerminalFrontend(data).run(node);
        FileLogging.stop();
        System.exit(status);
    }

    private static Reply held(Path release) {
        try {
            return new Reply.Done("waiting", "released: " + Files.readString(release));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply sent(FakeNode node, String line) {
        MessageView m = node.incoming("alice", FakeNode.SELF, line, false);
        node.emit(new ChatEvent.Message(m));
        return new Reply.Sent("send", m);
    }
}

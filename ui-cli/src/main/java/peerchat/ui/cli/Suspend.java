package peerchat.ui.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.LineReader;
import org.jline.reader.Reference;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-Z suspends the session as readline programs and irssi do: the terminal is given back as
 * the shell left it, the process stops (SIGTSTP), and {@code fg} brings it back with the prompt and
 * the half-typed line redrawn. The session reads keys with ISIG off (Ctrl-C is a key), so the tty
 * never made Ctrl-Z a signal: it did nothing, and a user who pressed it for the shell typed their
 * shell commands into the group (QA, stop 30). The node stops with the process; its peers see it
 * go and come back. Where there is no shell to return to (no job control: the kernel drops SIGTSTP
 * for an orphaned process group) the session says so and goes on.
 */
final class Suspend {
    private static final Logger LOG = LoggerFactory.getLogger(Suspend.class);
    private static final String WIDGET = "peerchat-suspend";
    /** How long to wait for SIGCONT after stopping, before taking it that the stop was dropped. */
    private static final long CONT_WAIT_MILLIS = 500;
    /** A wait this much past its timeout was a stop (no busy machine stalls a thread that long). */
    private static final long STOPPED_IF_LONGER_MILLIS = 2_000;
    static final String NO_JOB_CONTROL = "Ctrl-Z: no shell to return to here (no job control); -q quits";

    private Suspend() {
    }

    /** Binds Ctrl-Z on {@code reader}; {@code cooked} gives the terminal's modes as the shell left them. */
    static void install(LineReader reader, Terminal terminal, Supplier<Attributes> cooked) {
        reader.getWidgets().put(WIDGET, () -> {
            suspend(reader, terminal, cooked.get());
            return true;
        });
        KeyMap<Binding> main = reader.getKeyMaps().get(LineReader.MAIN);
        main.bind(new Reference(WIDGET), KeyMap.ctrl('Z'));
    }

    private static void suspend(LineReader reader, Terminal terminal, Attributes cooked) {
        PrintWriter out = terminal.writer();
        Attributes raw = terminal.getAttributes();
        CountDownLatch continued = new CountDownLatch(1);
        Terminal.SignalHandler before = terminal.handle(Terminal.Signal.CONT, s -> continued.countDown());
        boolean stopped = false;
        try {
            out.print("^Z");
            out.println();
            out.flush();
            if (cooked != null) {
                terminal.setAttributes(cooked);
            }
            // The process group (0: kill's, which is this JVM's), as the tty signals it: a wrapper
            // script that ran java without exec stops too, so the shell sees its job stopped. The
            // JVM alone stopped left the script running and the shell waiting on it.
            Process kill = new ProcessBuilder("kill", "-TSTP", "0").start();
            long sent = System.nanoTime();
            kill.waitFor(5, TimeUnit.SECONDS);
            // Stopped on the way back from that wait; here again once continued (fg), and the
            // signal handler's thread says so a moment later. After a stop of some length this
            // thread may wake to its timeout before that handler runs: the time gone says it too.
            stopped = continued.await(CONT_WAIT_MILLIS, TimeUnit.MILLISECONDS)
                    || System.nanoTime() - sent > TimeUnit.MILLISECONDS.toNanos(CONT_WAIT_MILLIS + STOPPED_IF_LONGER_MILLIS);
        } catch (IOException e) {
            LOG.warn("cannot suspend: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            terminal.handle(Terminal.Signal.CONT, before);
            terminal.setAttributes(raw);
        }
        LOG.info(stopped ? "suspended (Ctrl-Z) and continued" : "Ctrl-Z: the stop was dropped (no job control)");
        if (!stopped) {
            out.println(NO_JOB_CONTROL);
            out.flush();
        }
        reader.callWidget(LineReader.REDRAW_LINE);
        reader.callWidget(LineReader.REDISPLAY);
    }
}

package peerchat.ui.cli;

import java.io.IOError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.MaskingCallback;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.Node;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The JLine glue of the terminal UI: reads lines, hands them to the node, prints its replies,
 * and prints events above the prompt as they come (from the node's thread, through
 * {@link LineReader#printAbove}, which redraws the half-typed line under them).
 */
public final class TerminalSession {
    /** Messages of the current conversation shown at start. */
    public static final int RECENT = 20;
    private static final String BELL = "\u0007";
    private static final String NEW_LINE = "peerchat-new-line";
    /** The terminal's modes as the shell left them: given back while suspended (Ctrl-Z). */
    private volatile Attributes cooked;
    private static final long BELL_EVERY_NANOS = 1_000_000_000L;
    /** How long the prompt waits for a line's answer; the line is not cancelled when it has not come. */
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(TerminalSession.class);

    private final Terminal terminal;
    private final Node node;
    private final Path historyFile;
    private final Renderer renderer;
    private final String version;
    private final Duration replyTimeout;
    /** When the bell last rang (System.nanoTime); touched only on the node's thread, which brings events. */
    private long lastBell;
    /** From a prompt drawn to the line it returns: a command running has the cursor at a line's start. */
    private volatile boolean atPrompt;

    public TerminalSession(Terminal terminal, Node node, Path historyFile, Renderer renderer, String version) {
        this(terminal, node, historyFile, renderer, version, REPLY_TIMEOUT);
    }

    TerminalSession(Terminal terminal, Node node, Path historyFile, Renderer renderer, String version, Duration replyTimeout) {
        this.terminal = terminal;
        this.node = node;
        this.historyFile = historyFile;
        this.renderer = renderer;
        this.version = version;
        this.replyTimeout = replyTimeout;
    }

    /**
     * Runs until {@code -q}, Ctrl-D, Ctrl-C on an empty line, or SIGTERM (and any other JVM
     * shutdown); closes the node; returns 0.
     */
    public int run() {
        // Raw, ISIG off, from here to the end and not only while a line is read: between two lines
        // (before the first, while a command runs) the tty would otherwise be back in cooked mode,
        // turn a Ctrl-C into SIGINT at once and drop what was typed before it, and the next prompt
        // would take that signal for Ctrl-C on an empty line and quit. Now keys reach the reader
        // in the order typed, Ctrl-C among them, and JLine's interrupt widget ends the line with
        // what it holds: cleared when it holds something, the end of the session when not. The key
        // only: a terminal that also raised a SIGINT for it would have it taken twice now and then
        // (TerminalFrontend.open says why and turns JLine's off).
        Attributes cooked = terminal.enterRawMode();
        this.cooked = cooked;
        // The terminal's writer outlives its close: on SIGTERM, JLine's shutdown hook closes the
        // terminal while this session's says goodbye.
        PrintWriter out = terminal.writer();
        LineHistoryFile.Checked history = LineHistoryFile.check(historyFile);
        LineReader reader = reader(history.use());
        // A SIGINT from elsewhere (kill -INT) while a command runs must not kill the JVM past the clean close.
        terminal.handle(Terminal.Signal.INT, Terminal.SignalHandler.SIG_IGN);
        reader.printAbove(renderer.banner(version, node.self(), node.users()));
        if (history.movedTo().isPresent()) {
            // Read now rather than at the first prompt, to say how much of it is left.
            reader.getHistory().attach(reader);
            int kept = reader.getHistory().size();
            reader.printAbove(renderer.event(new ChatEvent.Warning("the line history was damaged (not UTF-8): it is kept in "
                    + history.movedTo().get() + "; Up and Ctrl-R have the " + kept + (kept == 1 ? " line" : " lines")
                    + " that could be read")));
        }
        history.problem().ifPresent(text -> reader.printAbove(renderer.event(new ChatEvent.Warning(text))));
        long started = System.currentTimeMillis();
        lastBell = System.nanoTime() - BELL_EVERY_NANOS;
        SeenMarker seen = new SeenMarker(historyFile.toAbsolutePath().getParent());
        // A conversation switch shows in the next prompt and in the reply to /open: no third line.
        Disposable events = firstEvents(reader, seen).filter(e -> !(e instanceof ChatEvent.Opened)).subscribe(
                e -> {
                    print(reader, e, started);
                    if (e instanceof ChatEvent.Message m && m.message().cursor() >= 0) {
                        seen.shown(m.message().cursor());
                    }
                },
                err -> LOG.error("the event stream failed", err));
        seen.start();
        // SIGTERM (any shutdown of the JVM) ends the session as Ctrl-D does, from a hook: the loop
        // may never get out of its read. A line on screen (being typed, or left there when JLine's
        // own hook closes the terminal under the reader) is ended first, so "bye" goes under it.
        Thread onShutdown = new Thread(() -> end(reader, events, seen, out, cooked, atPrompt), "peerchat-terminal-shutdown");
        Runtime.getRuntime().addShutdownHook(onShutdown);
        try {
            loop(reader);
        } finally {
            boolean shuttingDown = false;
            try {
                Runtime.getRuntime().removeShutdownHook(onShutdown);
            } catch (IllegalStateException e) {
                shuttingDown = true;
            }
            if (!shuttingDown) {
                end(reader, events, seen, out, cooked, false);
            }
        }
        return 0;
    }

    /** Run once: by the loop's end, or by the shutdown hook when the JVM goes first. */
    private void end(LineReader reader, Disposable events, SeenMarker seen, PrintWriter out, Attributes cooked, boolean lineOnScreen) {
        events.dispose();
        seen.close();
        try {
            reader.getHistory().save();
        } catch (java.io.IOException e) {
            LOG.warn("cannot save the line history to {}", historyFile, e);
        }
        node.shutdown().block(Duration.ofSeconds(30));
        goodbye(out, lineOnScreen);
        try {
            terminal.setAttributes(cooked);
        } catch (RuntimeException e) {
            LOG.debug("the terminal is gone: its modes stay", e);
        }
    }

    /**
     * What others wrote since the terminal last showed a message, said and replayed (every
     * conversation); when nothing (or on the first start), the recent messages of the current
     * conversation. Then the live events.
     */
    private Flux<ChatEvent> firstEvents(LineReader reader, SeenMarker seen) {
        long last = seen.load();
        Optional<Missed.Since> missed = last == SeenMarker.NONE ? Optional.empty() : Missed.since(node, last, replyTimeout);
        if (missed.isEmpty()) {
            return node.events(RECENT);
        }
        Missed.Since m = missed.get();
        // Counted from this node's log: what the others kept for it comes when they connect, live.
        List<String> notConnected = node.users().stream().filter(u -> !u.self() && !u.online() && !u.ignored())
                .map(UserView::label).toList();
        renderer.missed(m.count(), m.atLeast(), m.byConversation(), m.shown(), notConnected).forEach(reader::printAbove);
        return m.events();
    }

    /**
     * The bell goes out in the same write as the line, under the reader's lock (printAbove of a
     * string), so it never lands inside an escape sequence of a redraw; at most one a second, so a
     * burst of catching up is one beep.
     */
    private void print(LineReader reader, ChatEvent e, long started) {
        if (aboutSomeoneIgnored(e) || aboutAGroupNotMine(e)) {
            return;
        }
        AttributedString line = renderer.event(e);
        if (e instanceof ChatEvent.Renamed && reader instanceof LineReaderImpl shown) {
            // The prompt names the other user of a direct conversation: the redraw under the line
            // gives their new name at once, not only after the next Enter.
            shown.setPrompt(prompt());
        }
        long now = System.nanoTime();
        if (renderer.rings(e, started) && now - lastBell >= BELL_EVERY_NANOS && !Palette.isDumb(terminal.getType())) {
            lastBell = now;
            reader.printAbove(BELL + line.toAnsi(terminal));
        } else {
            reader.printAbove(line);
        }
    }

    /**
     * Whether the event is someone ignored coming, going, creating a group, joining, leaving or
     * taking another name: their messages are hidden by the node, and as irssi's {@code /ignore}
     * does by default, so is the rest of them here (the window's lists and {@code --json} still
     * have their presence).
     */
    private boolean aboutSomeoneIgnored(ChatEvent e) {
        if (e instanceof ChatEvent.Renamed renamed) {
            return renamed.user().ignored();
        }
        if (e instanceof ChatEvent.PeerUp up) {
            return up.user().ignored();
        }
        if (e instanceof ChatEvent.PeerDown down) {
            return down.user().ignored();
        }
        String who = e instanceof ChatEvent.Joined j ? j.user() : e instanceof ChatEvent.Left l ? l.user()
                : e instanceof ChatEvent.GroupCreated g ? g.by() : null;
        return who != null && node.users().stream().anyMatch(u -> u.ignored() && u.label().equals(who));
    }

    /**
     * Joins and leaves of a group this user is not in are not printed, as an IRC client shows
     * only its own channels': a node that meets a network hears of every member of every group at
     * once (the rosters of its first handshakes), and a screen of "bob joined #ops" says nothing
     * to someone not in #ops. A group's creation is, so that one learns it exists, and so is this
     * user's own leave, though they are out of the group by then. {@code -members} lists the rest.
     */
    private boolean aboutAGroupNotMine(ChatEvent e) {
        String group = e instanceof ChatEvent.Joined j ? j.group() : e instanceof ChatEvent.Left l ? l.group() : null;
        if (group == null || node.myGroups().contains(group)) {
            return false;
        }
        return !(e instanceof ChatEvent.Left l && l.user().equals(node.label(node.self().id())));
    }

    /** A PrintWriter swallows the errors of a terminal that is gone: then there is no goodbye. */
    private void goodbye(PrintWriter out, boolean lineOnScreen) {
        if (lineOnScreen) {
            out.println();
        }
        out.println("bye");
        out.flush();
    }

    private void loop(LineReader reader) {
        String retype = null;
        while (true) {
            String line;
            String buffer = retype;
            retype = null;
            try {
                atPrompt = true;
                line = reader.readLine(prompt(), null, (MaskingCallback) null, buffer);
                atPrompt = false;
            } catch (UserInterruptException e) {
                if (e.getPartialLine() == null || e.getPartialLine().isEmpty()) {
                    return;
                }
                continue;
            } catch (EndOfFileException e) {
                return;
            } catch (IOError | IllegalStateException e) {
                LOG.info("the terminal went away; closing as on Ctrl-D: {}", e.toString());
                return;
            }
            // Completion leaves a space after the word it completed; it is not part of the command.
            line = line.stripTrailing();
            if (line.isBlank()) {
                continue;
            }
            renderer.echo(line).ifPresent(reader::printAbove);
            Optional<Reply> answer = execute(reader, line);
            if (answer.isEmpty()) {
                // Not an error: the node may still run the line (a message sent after all), so it
                // does not come back to be sent again.
                reader.printAbove(renderer.noAnswer(replyTimeout));
                continue;
            }
            Reply reply = answer.get();
            for (AttributedString l : renderer.reply(reply)) {
                reader.printAbove(l);
            }
            if (reply instanceof Reply.Quit) {
                return;
            }
            if (reply instanceof Reply.Error) {
                // Its error is all that is left on screen of the line (a message is not echoed):
                // the line comes back to be put right, not typed again.
                retype = line;
            }
        }
    }

    /**
     * The node's answer to the line, or none when it has not come within the reply timeout. The
     * line is not cancelled then (the node takes lines in order on its thread: one that waited
     * behind others, or is slow itself, still runs); its answer is printed when it comes.
     */
    private Optional<Reply> execute(LineReader reader, String line) {
        CompletableFuture<Reply> answer;
        try {
            answer = node.execute(line).toFuture();
        } catch (RuntimeException e) {
            LOG.error("command failed: {}", line, e);
            return Optional.of(failed(e));
        }
        try {
            Reply r = answer.get(replyTimeout.toNanos(), TimeUnit.NANOSECONDS);
            return Optional.of(r != null ? r : new Reply.Error("", "no answer from the node"));
        } catch (TimeoutException e) {
            LOG.warn("no answer to a line within {} ms; it may still run: {}", replyTimeout.toMillis(), line);
            answer.whenComplete((r, err) -> lateAnswer(reader, line, r, err));
            return Optional.empty();
        } catch (ExecutionException e) {
            LOG.error("command failed: {}", line, e.getCause());
            return Optional.of(failed(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("interrupted while waiting for the answer to: {}", line, e);
            return Optional.of(new Reply.Error("", "interrupted while waiting for the node's answer"));
        }
    }

    private static Reply failed(Throwable e) {
        return new Reply.Error("", "the node failed on this line: " + e.getMessage());
    }

    /** The answer to a line that timed out, above whatever is at the prompt by then; nothing for a sent message (its event shows it). */
    private void lateAnswer(LineReader reader, String line, Reply r, Throwable err) {
        if (err != null) {
            LOG.error("command failed: {}", line, err);
        }
        List<AttributedString> lines = err != null
                ? renderer.reply(failed(err))
                : r == null ? List.of() : renderer.reply(r);
        if (lines.isEmpty()) {
            return;
        }
        List<AttributedString> all = new ArrayList<>();
        all.add(renderer.lateAnswer(line));
        all.addAll(lines);
        try {
            // One print: the answer's lines stay together, with no event between them.
            reader.printAbove(AttributedString.join(new AttributedString("\n"), all));
        } catch (IOError | RuntimeException e) {
            LOG.debug("the late answer to a line found the terminal gone: {}", line, e);
        }
    }

    private String prompt() {
        // JLine expands % in prompts; a name may contain one.
        return renderer.prompt(node.self(), conversationLabel()).toAnsi(terminal).replace("%", "%%");
    }

    private String conversationLabel() {
        Conversation c = node.current();
        if (c instanceof Conversation.Direct) {
            Conversation.Direct d = (Conversation.Direct) c;
            return "@" + node.label(d.peer());
        }
        return c.key();
    }

    private LineReader reader(Optional<Path> history) {
        // Chat text is not a shell line: quotes, backslashes and '!' are just characters.
        DefaultParser parser = new DefaultParser();
        parser.setQuoteChars(new char[0]);
        parser.setEscapeChars(new char[0]);
        parser.setEofOnUnclosedQuote(false);
        parser.setEofOnEscapedNewLine(false);
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("peerchat")
                .parser(parser)
                .completer(new NodeCompleter(node));
        history.ifPresent(file -> builder.variable(LineReader.HISTORY_FILE, file));
        LineReader reader = builder
                .variable(LineReader.HISTORY_FILE_SIZE, 10_000)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, false)
                // A sent line comes back as a message line (time, target, name): no raw echo above it.
                .option(LineReader.Option.ERASE_LINE_ON_FINISH, true)
                .build();
        // Alt+Enter starts a new line in the message, as Shift+Enter does in the window (a terminal
        // in its usual mode cannot tell Shift+Enter from Enter); Enter sends it whole. Shift+Enter
        // and Alt+Enter too where the terminal tells them apart: as CSI u (kitty's keyboard
        // protocol, and what users set Windows Terminal or VS Code to send) or as xterm's
        // modifyOtherKeys encodes them.
        reader.getWidgets().put(NEW_LINE, () -> {
            reader.getBuffer().write('\n');
            return true;
        });
        KeyMap<Binding> main = reader.getKeyMaps().get(LineReader.MAIN);
        for (String keys : List.of(KeyMap.alt('\r'), KeyMap.alt('\n'), "\u001b[13;2u", "\u001b[13;3u",
                "\u001b[27;2;13~", "\u001b[27;3;13~")) {
            main.bind(new Reference(NEW_LINE), keys);
        }
        Suspend.install(reader, terminal, () -> cooked);
        return reader;
    }
}

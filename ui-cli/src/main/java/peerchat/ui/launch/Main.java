package peerchat.ui.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import peerchat.engine.api.Frontend;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;
import peerchat.ui.cli.TerminalFrontend;
import peerchat.ui.json.JsonFrontend;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import reactor.core.publisher.Mono;

/**
 * The launcher ({@code ./peerchat}, the fat jar's Main-Class): flags, data directory, log file,
 * then a node handed to one frontend. Exit status: 0 done, 1 the node failed, 2 bad flags, 130 a
 * Ctrl-C (SIGINT) before the terminal took the keys.
 */
public final class Main {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /** A signal ended the start: 128 + SIGINT, the status the JVM exits with on one. */
    public static final int INTERRUPTED = 130;
    /** The name of the launcher's shutdown hook's thread. */
    static final String HOOK_THREAD = "peerchat-shutdown";
    /** How long a signal's shutdown waits for the frontend to write what it owes (answers to the lines in flight). */
    static final Duration SIGNAL_WRITE_MAX = Duration.ofSeconds(3);
    /** Replaying a long log happens inside start: give it time, but not forever. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Path home;
    private final Function<NodeConfig, Mono<Node>> starter;

    Main(InputStream in, PrintStream out, PrintStream err, Path home) {
        this(in, out, err, home, Node::start);
    }

    /** With {@code starter} in place of {@link Node#start}: a test's node that takes its time. */
    Main(InputStream in, PrintStream out, PrintStream err, Path home, Function<NodeConfig, Mono<Node>> starter) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.home = home;
        this.starter = starter;
    }

    public static void main(String[] args) {
        int status = new Main(System.in, System.out, System.err, Path.of(System.getProperty("user.home"))).run(args);
        // Netty and Reactor leave non-daemon threads behind; the node is closed by now.
        System.exit(status);
    }

    int run(String[] args) {
        Flags flags = new Flags();
        CommandLine cli = new CommandLine(flags);
        NodeConfig config;
        try {
            ParseResult parsed = cli.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed.asCommandLineList(), out, err, CommandLine.Help.Ansi.OFF)) {
                return OK;
            }
            config = ConfigMapping.toConfig(flags, NameFile::read, home, NameFile.nodesUnder(home.resolve(".peerchat")));
        } catch (ParameterException | UsageError e) {
            err.println("peerchat: " + e.getMessage());
            err.println("Try 'peerchat --help' for the flags.");
            return USAGE;
        }

        Frontend frontend;
        try {
            frontend = choose(flags, config);
            Files.createDirectories(config.dataDir());
            NameFile.store(config.dataDir(), config.name());
        } catch (UsageError e) {
            err.println("peerchat: " + e.getMessage());
            return USAGE;
        } catch (IOException | RuntimeException e) {
            err.println("peerchat: cannot use the data directory " + config.dataDir() + ": " + dataDirTrouble(e));
            return FAILED;
        }
        FileLogging.start(config.dataDir());
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Main.class);
        log.info("starting {} with {} (frontend {})", Version.current(), config, frontend.name());

        // Registered before the start: a signal while the node starts (Ctrl-C too, which the
        // terminal takes as a key only once its session runs) is said in a line, and one as the
        // node comes up finds the hook in place, not a registration refused mid-shutdown (a stack
        // trace on the terminal). Later, SIGTERM or Ctrl-C in --json mode close the node.
        Starting starting = new Starting();
        Frontend chosen = frontend;
        Thread hook = new Thread(() -> onSignal(starting, chosen, log), HOOK_THREAD);
        Runtime.getRuntime().addShutdownHook(hook);
        Node node;
        try {
            node = starter.apply(config).block(START_TIMEOUT);
        } catch (RuntimeException e) {
            if (starting.stopped()) {
                // the hook has said it, and the signal is likely why the start failed
                return INTERRUPTED;
            }
            log.error("the node did not start", e);
            err.println("peerchat: cannot start the node: " + reason(e));
            FileLogging.stop();
            removeHook(hook);
            return FAILED;
        }
        if (!starting.started(node)) {
            // Up as the signal came: the hook has said so and the JVM is going; close it meanwhile.
            try {
                node.shutdown().block(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                log.warn("shutdown on signal did not finish", e);
            }
            return INTERRUPTED;
        }
        // A -nick is kept for the next start as a --name is.
        NameKeeper names = NameKeeper.start(node, config.dataDir());
        try {
            return frontend.run(node, config.dataDir());
        } catch (RuntimeException e) {
            log.error("the {} frontend failed", frontend.name(), e);
            err.println("peerchat: " + reason(e));
            return FAILED;
        } finally {
            try {
                node.shutdown().block(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                log.warn("shutdown did not finish cleanly", e);
            }
            names.close();
            log.info("stopped");
            FileLogging.stop();
            removeHook(hook);
        }
    }

    /**
     * The JVM is going (a signal): a node that is up is closed (links closed, log flushed); while
     * it starts, it is left to the JVM's end, as after a kill (the store is made for that: nothing
     * written is lost), and the user is told in a line instead of a bare {@code ^C}.
     */
    private void onSignal(Starting starting, Frontend frontend, org.slf4j.Logger log) {
        Node node = starting.stop();
        if (node == null) {
            log.info("interrupted while starting (a signal): the node was not up yet");
            // After the ^C a terminal echoes, on a line of its own.
            err.println((System.console() != null ? System.lineSeparator() : "") + "peerchat: interrupted while starting");
            err.flush();
            FileLogging.stop();
            return;
        }
        try {
            node.shutdown().block(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            log.warn("shutdown on signal did not finish", e);
        }
        frontend.closedBySignal(SIGNAL_WRITE_MAX);
        FileLogging.stop();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs, and shutdown is idempotent
        }
    }

    /** Between the main thread and the hook: whether the node came up before a signal did. */
    private static final class Starting {
        private Node node;
        private boolean stopped;

        /** False when a signal came first. */
        synchronized boolean started(Node n) {
            if (stopped) {
                return false;
            }
            node = n;
            return true;
        }

        /** The node to close, or null when it is not up yet. */
        synchronized Node stop() {
            stopped = true;
            return node;
        }

        synchronized boolean stopped() {
            return stopped;
        }
    }

    private Frontend choose(Flags flags, NodeConfig config) {
        if (flags.json()) {
            return new JsonFrontend(in, out);
        }
        if (flags.gui()) {
            for (Frontend f : ServiceLoader.load(Frontend.class)) {
                if (f.name().equals("gui")) {
                    return f;
                }
            }
            throw new UsageError("--gui: this build has no Swing window (ui-swing is not on the class path)");
        }
        return new TerminalFrontend(config.dataDir());
    }

    /** What is wrong with the data directory, in words: the JDK's exceptions often say only the path. */
    static String dataDirTrouble(Throwable e) {
        Throwable t = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " is a file, not a directory";
        }
        if (t instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        return e.getMessage() + (t != e && t.getMessage() != null ? ": " + t.getMessage() : "");
    }

    static String reason(Throwable e) {
        Throwable t = reactor.core.Exceptions.unwrap(e);
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String said = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        // "cannot open DIR/lock" kept its why in the cause, and only there: the JDK's file
        // exceptions give the path as their message and the reason apart (QA: a read-only data
        // directory said no more than the path).
        return fileTrouble(t.getCause())
                .filter(why -> !said.toLowerCase(Locale.ROOT).contains(why))
                .map(why -> said + ": " + why)
                .orElse(said);
    }

    /** The reason a file operation failed, in words, when the cause is the JDK's file exception. */
    private static Optional<String> fileTrouble(Throwable cause) {
        if (cause instanceof java.nio.file.AccessDeniedException) {
            return Optional.of("permission denied");
        }
        if (cause instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return Optional.of(f.getReason().strip().toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }
}

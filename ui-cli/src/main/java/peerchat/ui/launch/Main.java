package peerchat.ui.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ServiceLoader;
import peerchat.engine.api.Frontend;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;
import peerchat.ui.cli.TerminalFrontend;
import peerchat.ui.json.JsonFrontend;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The launcher ({@code ./peerchat}, the fat jar's Main-Class): flags, data directory, log file,
 * then a node handed to one frontend. Exit status: 0 done, 1 the node failed, 2 bad flags.
 */
public final class Main {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /** Replaying a long log happens inside start: give it time, but not forever. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Path home;

    Main(InputStream in, PrintStream out, PrintStream err, Path home) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.home = home;
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

        Node node;
        try {
            node = Node.start(config).block(START_TIMEOUT);
        } catch (RuntimeException e) {
            log.error("the node did not start", e);
            err.println("peerchat: cannot start the node: " + reason(e));
            FileLogging.stop();
            return FAILED;
        }
        // SIGTERM, or Ctrl-C in --json mode: still close the links and flush the log.
        Node started = node;
        Thread hook = new Thread(() -> {
            try {
                started.shutdown().block(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                log.warn("shutdown on signal did not finish", e);
            }
            FileLogging.stop();
        }, "peerchat-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
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
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs, and shutdown is idempotent
            }
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

    private static String reason(Throwable e) {
        Throwable t = reactor.core.Exceptions.unwrap(e);
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}

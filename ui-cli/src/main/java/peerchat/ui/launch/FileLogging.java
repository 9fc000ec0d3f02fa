package peerchat.ui.launch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import org.slf4j.LoggerFactory;

/**
 * Sends every log line to {@code <data>/peerchat.log} and none to the terminal, where it would
 * tear through the prompt or corrupt the {@code --json} stream. Called once, before anything
 * else logs. java.util.logging (JLine reports through it) is routed here too.
 */
public final class FileLogging {
    public static final String FILE_NAME = "peerchat.log";

    private FileLogging() {
    }

    public static void start(Path dataDir) {
        // Logback's own status lines would otherwise reach stdout on a config warning.
        System.setProperty("logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();

        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(ctx);
        file.setName("file");
        file.setFile(dataDir.resolve(FILE_NAME).toString());
        file.setAppend(true);
        file.setEncoder(encoder);
        file.start();

        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
        ctx.getLogger("net.openhft").setLevel(Level.WARN);
        routeJulToSlf4j();
    }

    /** Flushes and closes the file: the last lines of a quitting node are not lost. */
    public static void stop() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }

    private static void routeJulToSlf4j() {
        LogManager.getLogManager().reset();
        java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
        julRoot.setLevel(java.util.logging.Level.INFO);
        julRoot.addHandler(new JulHandler());
    }

    /** A few lines instead of the jul-to-slf4j jar: JLine is the only JUL user here. */
    private static final class JulHandler extends Handler {
        @Override
        public void publish(LogRecord record) {
            if (record == null || !isLoggable(record)) {
                return;
            }
            org.slf4j.Logger log = LoggerFactory.getLogger(record.getLoggerName() == null ? "jul" : record.getLoggerName());
            String msg = record.getMessage();
            int level = record.getLevel().intValue();
            if (level >= java.util.logging.Level.SEVERE.intValue()) {
                log.error(msg, record.getThrown());
            } else if (level >= java.util.logging.Level.WARNING.intValue()) {
                log.warn(msg, record.getThrown());
            } else if (level >= java.util.logging.Level.INFO.intValue()) {
                log.info(msg, record.getThrown());
            } else {
                log.debug(msg, record.getThrown());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}

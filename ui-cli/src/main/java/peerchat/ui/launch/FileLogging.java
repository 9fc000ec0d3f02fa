package peerchat.ui.launch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TriggeringPolicyBase;
import java.io.File;
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

    /** A file is rolled over at this size; four old ones are kept: at most 50 MB of log. */
    static final long MAX_FILE_BYTES = 10L << 20;
    static final int OLD_FILES = 4;

    public static void start(Path dataDir) {
        start(dataDir, MAX_FILE_BYTES);
    }

    static void start(Path dataDir, long maxFileBytes) {
        // Logback's own status lines would otherwise reach stdout on a config warning.
        System.setProperty("logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();

        // Rolled, not one file for ever: a node runs for months, and a noisy peer or a flood of
        // connections writes a line each; the log shares its disk with the event log.
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(ctx);
        file.setName("file");
        file.setFile(dataDir.resolve(FILE_NAME).toString());
        file.setAppend(true);
        file.setEncoder(encoder);
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(ctx);
        rolling.setParent(file);
        rolling.setFileNamePattern(dataDir.resolve("peerchat.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(OLD_FILES);
        rolling.start();
        SizeTrigger trigger = new SizeTrigger(maxFileBytes);
        trigger.setContext(ctx);
        trigger.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.start();

        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        // PEERCHAT_LOG=debug (or trace) for a bug report: INFO otherwise, whatever the text.
        root.setLevel(Level.toLevel(System.getenv("PEERCHAT_LOG"), Level.INFO));
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

    /**
     * Rolls when the file has reached its size, looked at on every line (a stat; the node logs
     * a few lines a minute). Logback's own size policy looks only now and then (behind an
     * invocation gate), so a burst can run past the size before it rolls.
     */
    private static final class SizeTrigger extends TriggeringPolicyBase<ILoggingEvent> {
        private final long maxBytes;

        SizeTrigger(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public boolean isTriggeringEvent(File activeFile, ILoggingEvent event) {
            return activeFile.length() >= maxBytes;
        }
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

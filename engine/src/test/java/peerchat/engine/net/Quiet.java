package peerchat.engine.net;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Without a logback config every library logs DEBUG; the link tests want INFO from us and WARN from the rest. */
final class Quiet {
    private Quiet() {
    }

    static void logs() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        ctx.getLogger("peerchat").setLevel(Level.valueOf(System.getenv().getOrDefault("PEERCHAT_TEST_LOG", "INFO")));
    }
}

package peerchat.engine.net;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Without a logback config every library logs DEBUG, and Netty a great deal of it. Only the
 * loggers of the network stack and of this package are turned down, so that other tests in the
 * same JVM keep whatever levels they rely on. {@code PEERCHAT_TEST_LOG=TRACE} shows every frame.
 */
final class Quiet {
    private Quiet() {
    }

    static void logs() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String noisy : new String[] {"io.netty", "reactor", "com.tngtech.archunit"}) {
            ctx.getLogger(noisy).setLevel(Level.WARN);
        }
        ctx.getLogger("peerchat.engine.net").setLevel(Level.valueOf(System.getenv().getOrDefault("PEERCHAT_TEST_LOG", "INFO")));
    }
}

package peerchat.store.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Captures the WARN lines the log's readers write, so tests can check that a skip names its index. */
final class LogWarnings implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger(LogReader.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogWarnings() {
        appender.start();
        logger.addAppender(appender);
    }

    List<String> lines() {
        return appender.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}

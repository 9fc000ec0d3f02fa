package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RefusedConnectionsTest {
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RefusedConnections.class);

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
    }

    @Test
    void aFloodIsOneLineAMinutePerAddressWithTheCount() throws Exception {
        RefusedConnections refused = new RefusedConnections();
        InetAddress a = InetAddress.getByName("127.0.0.83");
        InetAddress b = InetAddress.getByName("127.0.0.84");
        long t = 1_000_000;
        for (int i = 0; i < 1000; i++) {
            refused.refused(a, "too many", t + i);
        }
        refused.refused(b, "too many", t + 10);
        refused.refused(a, "too many", t + RefusedConnections.REPORT_EVERY_MILLIS);

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "refusing connections from 127.0.0.83: too many (1 refused so far)",
                "refusing connections from 127.0.0.84: too many (1 refused so far)",
                "refusing connections from 127.0.0.83: too many (1000 refused in the last 60 s)");
    }
}

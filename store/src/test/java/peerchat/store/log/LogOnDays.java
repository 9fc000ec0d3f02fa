package peerchat.store.log;

import java.nio.file.Path;
import net.openhft.chronicle.core.time.SetTimeProvider;
import peerchat.store.event.EventCodec;

/** Opens a log whose days (one queue file per UTC day) follow a clock the test sets. */
public final class LogOnDays {
    private LogOnDays() {
    }

    public static EventLog open(Path dir, SetTimeProvider days) {
        return EventLog.open(dir, new EventCodec(), null, days);
    }
}

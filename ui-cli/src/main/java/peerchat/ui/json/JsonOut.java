package peerchat.ui.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of stdout in {@code --json} mode: objects from any thread are queued and written
 * by a single thread, one per line, never interleaved, flushed whenever the queue runs empty (a
 * line is never left waiting in the buffer, and a flood costs one write call per batch, not per
 * line). The node's event thread only enqueues, so a script that reads slowly never stalls the node.
 */
public final class JsonOut implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JsonOut.class);

    private final ObjectMapper mapper;
    private final Writer writer;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "json-out");
        t.setDaemon(true);
        return t;
    });

    /** Lines handed over and not yet written: the writer flushes when it has written the last. */
    private final AtomicInteger queued = new AtomicInteger();

    public JsonOut(ObjectMapper mapper, OutputStream out) {
        this.mapper = mapper;
        this.writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }

    /** Queues one line. After {@link #close()} it is dropped (and logged). */
    public void emit(ObjectNode object) {
        String line;
        try {
            line = mapper.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        queued.incrementAndGet();
        try {
            thread.execute(() -> write(line));
        } catch (RejectedExecutionException e) {
            queued.decrementAndGet();
            LOG.debug("output closed, dropped {}", line);
        }
    }

    private void write(String line) {
        try {
            boolean last = queued.decrementAndGet() == 0;
            writer.write(line);
            writer.write('\n');
            if (last) {
                writer.flush();
            }
        } catch (IOException e) {
            LOG.warn("cannot write to stdout (the reader went away?): {}", e.toString());
        }
    }

    /** Writes out everything queued so far, then stops. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** Writes out everything queued so far (waiting at most {@code max} for stdout to take it), then stops. Idempotent. */
    public void close(Duration max) {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(max.toNanos(), TimeUnit.NANOSECONDS)) {
                LOG.warn("stdout did not drain in {} ms", max.toMillis());
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}

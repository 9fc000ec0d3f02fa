package peerchat.ui.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import peerchat.engine.api.Commands;
import peerchat.engine.api.Frontend;
import peerchat.engine.api.Node;
import peerchat.engine.api.Reply;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --json}: command lines on stdin, one JSON object per line on stdout. Lines run in the
 * order they were written and their replies come back in that order; events are written as they
 * happen, between them. End of input closes the node and exits with 0.
 *
 * <p>A line {@code {"line":"..."}} is that command line, which may have line breaks: a message of
 * several lines ({@link InputLine}).
 *
 * <p>Messages are pipelined: a script that writes a thousand lines does not wait for each reply
 * before the next is run (the node runs them in order on its thread, and a send's effects are in
 * place before the next line starts). Commands wait for everything before them, and the next line
 * waits for them, so {@code -history} then {@code -more}, or {@code -quit} then anything, mean
 * what they say.
 */
public final class JsonFrontend implements Frontend {
    /** Longer lines get an error: a chat line is far shorter, and the heap stays bounded. */
    public static final int MAX_LINE = 64 * 1024;
    /**
     * How long one line may run, counted from when the line before it was answered: the node runs
     * lines in order, so a line a script wrote behind a thousand others waits for them first (on a
     * busy machine well over a minute), and that wait is not its own. A line that has not answered
     * by then gets an error reply and the lines after it go on; it is never cancelled.
     */
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
    /** Messages run ahead of their replies by at most this many (bounds the memory a flood takes). */
    static final int MAX_IN_FLIGHT = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(JsonFrontend.class);

    private final InputStream in;
    private final OutputStream out;
    private final Duration replyTimeout;
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonCodec codec = new JsonCodec(mapper);
    /** Of the run going on, for {@link #closedBySignal}: its answers in flight and its output. */
    private volatile Replies running;

    public JsonFrontend(InputStream in, OutputStream out) {
        this(in, out, REPLY_TIMEOUT);
    }

    JsonFrontend(InputStream in, OutputStream out, Duration replyTimeout) {
        this.in = in;
        this.out = out;
        this.replyTimeout = replyTimeout;
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public int run(Node node) {
        JsonOut json = new JsonOut(mapper, out);
        json.emit(codec.ready(node.self(), node.historySize()));
        Presence presence = new Presence(e -> codec.event(e).ifPresent(json::emit));
        Disposable events = node.events().subscribe(presence::onEvent,
                err -> LOG.error("the event stream failed", err));
        // Links that came up before the subscription above would otherwise go unannounced.
        node.users().forEach(presence::alreadyOnline);
        try {
            LineInput lines = new LineInput(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), MAX_LINE);
            LineInput.Line line;
            Replies replies = new Replies(json);
            running = replies;
            while ((line = lines.next()) != null) {
                if (line.tooLong()) {
                    replies.emitInOrder(codec.error("", "line longer than " + MAX_LINE + " characters: ignored"));
                    continue;
                }
                InputLine input = InputLine.of(line.text(), mapper);
                if (input.error() != null) {
                    replies.emitInOrder(codec.error("", input.error()));
                    continue;
                }
                if (input.command().isBlank()) {
                    replies.emitInOrder(codec.error("", "empty line: write a command or a message"));
                    continue;
                }
                if (isMessage(input.command())) {
                    replies.pipeline(input.command(), execute(node, input.command()));
                    continue;
                }
                replies.drain();
                Reply reply = replies.command(input.command(), execute(node, input.command())).join();
                if (reply instanceof Reply.Quit) {
                    break;
                }
            }
            replies.drain();
        } catch (IOException e) {
            LOG.warn("stdin failed; closing as at its end", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            node.shutdown().block(Duration.ofSeconds(30));
            events.dispose();
            json.close();
        }
        return 0;
    }

    /** Plain text, {@code @user text}, {@code #group text}, {@code -msg}, {@code -delay}, {@code /me}: a send, nothing else. */
    static boolean isMessage(String line) {
        String t = line.strip();
        int end = 0;
        while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
            end++;
        }
        String first = t.substring(0, end);
        return Commands.bySpelling(first).map(c -> c.name().equals("msg") || c.name().equals("delay") || c.name().equals("me"))
                .orElse(!first.startsWith("-") && !first.startsWith("/"));
    }

    /** Replies of pipelined lines, written in the order of their lines. */
    private final class Replies {
        private final JsonOut json;
        private final Semaphore room = new Semaphore(MAX_IN_FLIGHT);
        private volatile CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

        Replies(JsonOut json) {
            this.json = json;
        }

        void pipeline(String line, CompletableFuture<Reply> reply) throws InterruptedException {
            room.acquire();
            tail = answered(tail, reply, line).thenAccept(r -> {
                json.emit(codec.reply(r));
                room.release();
            });
        }

        /** A command's reply, written once it comes; the caller waits for it (nothing runs meanwhile). */
        CompletableFuture<Reply> command(String line, CompletableFuture<Reply> reply) {
            CompletableFuture<Reply> written = answered(tail, reply, line).thenApply(r -> {
                json.emit(codec.reply(r));
                return r;
            });
            tail = written.thenApply(r -> null);
            return written;
        }

        /** An error of the input itself, after the replies of the lines before it. */
        void emitInOrder(ObjectNode line) {
            tail = tail.thenRun(() -> json.emit(line));
        }

        void drain() {
            tail.join();
        }

        /** Waits at most until {@code deadline} (nanoTime) for the answers in flight, then for stdout to take everything. */
        void finish(long deadline) {
            try {
                tail.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                LOG.warn("answers still in flight as the node closed on a signal: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            json.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    /**
     * After the node closed on a signal, the lines it answered as it closed ({@code not run: the
     * node is shutting down}, or the reply of a line it finished) and the events queued for stdout
     * are written before the JVM ends: the main thread, still reading stdin, never gets to it, and
     * the writer's thread ends with the JVM. Before, one SIGTERM in three at a start left a line
     * with no answer at all (QA, stop 29).
     */
    @Override
    public void closedBySignal(Duration max) {
        Replies r = running;
        if (r != null) {
            r.finish(System.nanoTime() + max.toNanos());
        }
    }

    /**
     * {@code reply} once {@code turn} is done, or an error reply if it has not come
     * {@link #replyTimeout} after that; the line itself runs on whatever happens.
     */
    private CompletableFuture<Reply> answered(CompletableFuture<?> turn, CompletableFuture<Reply> reply, String line) {
        return turn.thenCompose(previousAnswered -> {
            CompletableFuture<Reply> inTime = reply.copy();
            inTime.completeOnTimeout(null, replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return inTime.thenApply(r -> {
                if (r != null) {
                    return r;
                }
                LOG.warn("no answer to a line within {} ms of the one before it: {}", replyTimeout.toMillis(), line);
                return new Reply.Error("", "no answer from the node within " + replyTimeout.toSeconds()
                        + " s; the line may still run");
            });
        });
    }

    /** Starts the line now (the node takes lines in the order they are started); never fails. */
    private static CompletableFuture<Reply> execute(Node node, String line) {
        return node.execute(line)
                .defaultIfEmpty(new Reply.Error("", "no answer from the node"))
                .onErrorResume(e -> {
                    LOG.error("command failed: {}", line, e);
                    return Mono.just(new Reply.Error("", "the node failed on this line: " + e.getMessage()));
                })
                .toFuture();
    }
}

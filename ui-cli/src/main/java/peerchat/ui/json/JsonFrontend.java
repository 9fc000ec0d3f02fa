package peerchat.ui.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import peerchat.engine.api.Frontend;
import peerchat.engine.api.Node;
import peerchat.engine.api.Reply;
import reactor.core.Disposable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --json}: command lines on stdin, one JSON object per line on stdout. Lines are run one
 * at a time, in order, so replies come back in the order the commands were written; events are
 * written as they happen, between them. End of input closes the node and exits with 0.
 */
public final class JsonFrontend implements Frontend {
    /** Longer lines get an error: a chat line is far shorter, and the heap stays bounded. */
    public static final int MAX_LINE = 64 * 1024;
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(JsonFrontend.class);

    private final InputStream in;
    private final OutputStream out;
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonCodec codec = new JsonCodec(mapper);

    public JsonFrontend(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public int run(Node node) {
        JsonOut json = new JsonOut(mapper, out);
        json.emit(codec.ready(node.self()));
        Presence presence = new Presence(e -> codec.event(e).ifPresent(json::emit));
        Disposable events = node.events().subscribe(presence::onEvent,
                err -> LOG.error("the event stream failed", err));
        // Links that came up before the subscription above would otherwise go unannounced.
        node.users().forEach(presence::alreadyOnline);
        try {
            LineInput lines = new LineInput(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), MAX_LINE);
            LineInput.Line line;
            while ((line = lines.next()) != null) {
                if (line.tooLong()) {
                    json.emit(codec.error("", "line longer than " + MAX_LINE + " characters: ignored"));
                    continue;
                }
                if (line.text().isBlank()) {
                    json.emit(codec.error("", "empty line: write a command or a message"));
                    continue;
                }
                Reply reply = execute(node, line.text());
                json.emit(codec.reply(reply));
                if (reply instanceof Reply.Quit) {
                    break;
                }
            }
        } catch (IOException e) {
            LOG.warn("stdin failed; closing as at its end", e);
        } finally {
            node.shutdown().block(Duration.ofSeconds(30));
            events.dispose();
            json.close();
        }
        return 0;
    }

    private static Reply execute(Node node, String line) {
        try {
            Reply r = node.execute(line).block(REPLY_TIMEOUT);
            return r != null ? r : new Reply.Error("", "no answer from the node");
        } catch (RuntimeException e) {
            LOG.error("command failed: {}", line, e);
            return new Reply.Error("", "the node failed on this line: " + e.getMessage());
        }
    }
}

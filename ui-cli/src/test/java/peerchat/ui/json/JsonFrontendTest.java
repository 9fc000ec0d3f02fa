package peerchat.ui.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;
import peerchat.ui.testing.FakeNode;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The {@code --json} loop with the node's side played by {@link FakeNode}: stdin bytes in, lines out. */
class JsonFrontendTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeNode node = new FakeNode();

    private List<JsonNode> run(byte[] stdin) {
        return run(stdin, JsonFrontend.REPLY_TIMEOUT);
    }

    private List<JsonNode> run(byte[] stdin, Duration replyTimeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new JsonFrontend(new ByteArrayInputStream(stdin), out, replyTimeout).run(node);
        assertThat(status).isZero();
        assertThat(node.shutdowns()).isEqualTo(1);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        List<JsonNode> lines = new ArrayList<>();
        for (String l : text.split("\n")) {
            try {
                lines.add(JSON.readTree(l));
            } catch (IOException e) {
                throw new UncheckedIOException("not one JSON object: " + l, e);
            }
        }
        return lines;
    }

    private List<JsonNode> run(String stdin) {
        return run(stdin.getBytes(StandardCharsets.UTF_8));
    }

    private static List<JsonNode> replies(List<JsonNode> lines) {
        return lines.stream().filter(l -> l.path("event").asText().matches("result|error")).collect(Collectors.toList());
    }

    @Test
    void readyFirstThenOneReplyPerLineInOrder() {
        List<JsonNode> lines = run("-lu\n-lg\nhello there\n-bogus\n");
        assertThat(lines.get(0).path("event").asText()).isEqualTo("ready");
        assertThat(lines.get(0).path("name").asText()).isEqualTo("alice");
        assertThat(replies(lines)).extracting(l -> l.path("event").asText() + " " + l.path("command").asText())
                .containsExactly("result listusers", "result listgroups", "result send", "error ");
        assertThat(replies(lines).get(0).path("users")).hasSize(3);
        assertThat(replies(lines).get(3).path("message").asText()).contains("unknown command -bogus");
        assertThat(lines).filteredOn(l -> l.path("event").asText().equals("message"))
                .extracting(l -> l.path("text").asText()).containsExactly("hello there");
        assertThat(node.lines()).containsExactly("-lu", "-lg", "hello there", "-bogus");
    }

    @Test
    void messagesRunAheadOfTheirRepliesButCommandsWaitForThemAndRepliesKeepTheirOrder() throws Exception {
        reactor.core.publisher.Sinks.Empty<Void> busy = reactor.core.publisher.Sinks.empty();
        node.answeringLater(line -> busy.asMono().then(Mono.fromSupplier(() -> (Reply) new Reply.Done("x", line))));
        PipedOutputStream script = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(script);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> new JsonFrontend(stdin, out).run(node));
        script.write("one\n#dev two\n@bob three\n-lu\nfour\n".getBytes(StandardCharsets.UTF_8));
        script.flush();
        // The three messages are all started while none is answered; the command waits for them.
        assertThat(List.of(node.lines().poll(30, TimeUnit.SECONDS), node.lines().poll(30, TimeUnit.SECONDS),
                node.lines().poll(30, TimeUnit.SECONDS))).containsExactly("one", "#dev two", "@bob three");
        assertThat(node.lines()).isEmpty();
        busy.tryEmitEmpty();
        assertThat(node.lines().poll(30, TimeUnit.SECONDS)).isEqualTo("-lu");
        script.close();
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(JSON.readTree(l));
        }
        assertThat(replies(lines)).extracting(l -> l.path("text").asText())
                .containsExactly("one", "#dev two", "@bob three", "-lu", "four");
    }

    @Test
    void nothingAfterQuitIsRun() {
        List<JsonNode> lines = run("before\n-q\nafter\n");
        assertThat(node.lines()).containsExactly("before", "-q");
        assertThat(replies(lines)).hasSize(2);
    }

    @Test
    void whatCountsAsAMessage() {
        assertThat(JsonFrontend.isMessage("hello")).isTrue();
        assertThat(JsonFrontend.isMessage("  #dev hi")).isTrue();
        assertThat(JsonFrontend.isMessage("@bob hi")).isTrue();
        assertThat(JsonFrontend.isMessage("-msg #dev hi")).isTrue();
        assertThat(JsonFrontend.isMessage("/MSG #dev hi")).isTrue();
        assertThat(JsonFrontend.isMessage("-delay 2 hi")).isTrue();
        assertThat(JsonFrontend.isMessage("-history")).isFalse();
        assertThat(JsonFrontend.isMessage("/quit")).isFalse();
        assertThat(JsonFrontend.isMessage("-bogus")).isFalse();
    }

    @Test
    void peersOnlineBeforeTheSubscriptionAreAnnouncedOnceAfterReady() {
        node.answering(line -> {
            UserView bob = node.users().stream().filter(u -> u.name().equals("bob")).findFirst().orElseThrow();
            // bob was online before the frontend subscribed: his down is news, his next up too.
            node.emit(new ChatEvent.PeerDown(bob, "gone"));
            node.emit(new ChatEvent.PeerDown(bob, "gone again"));
            node.emit(new ChatEvent.PeerUp(bob));
            node.emit(new ChatEvent.PeerUp(bob));
            return new Reply.Done("x", "");
        });
        List<JsonNode> lines = run("go\n");
        assertThat(lines.get(0).path("event").asText()).isEqualTo("ready");
        assertThat(lines).filteredOn(l -> l.path("event").asText().startsWith("peer-"))
                .extracting(l -> l.path("event").asText() + " " + l.path("name").asText())
                .containsExactly("peer-up bob", "peer-down bob", "peer-up bob");
    }

    /** The node's thread as a test can slow it: one line at a time, each taking {@code millis}. */
    private List<String> busyNode(long millis, String neverAnswered) {
        List<String> ran = new CopyOnWriteArrayList<>();
        Scheduler thread = Schedulers.newSingle("busy-node", true);
        node.answeringLater(line -> line.endsWith(neverAnswered) ? Mono.never() : Mono.fromCallable(() -> {
            ran.add(line);
            LockSupport.parkNanos(Duration.ofMillis(millis).toNanos()); // the node at work on it
            return (Reply) new Reply.Done("send", "");
        }).subscribeOn(thread));
        return ran;
    }

    @Test
    void linesQueuedBehindOthersAreRunAndAnsweredHoweverLongTheQueueTakes() {
        // A script writes 8 lines at once to a node that takes 100 ms a line: the last is answered
        // after 800 ms. The timeout is 300 ms, counted from the line before's answer: with it counted
        // from when the line was written, lines 3 to 8 were cancelled unsent ("command failed").
        List<String> ran = busyNode(100, "never");
        String lines = IntStream.range(0, 8).mapToObj(i -> "#all line " + i + "\n").collect(Collectors.joining());
        List<JsonNode> replies = replies(run(lines.getBytes(StandardCharsets.UTF_8), Duration.ofMillis(300)));
        assertThat(ran).containsExactlyElementsOf(IntStream.range(0, 8).mapToObj(i -> "#all line " + i).toList());
        assertThat(replies).hasSize(8).allSatisfy(r -> assertThat(r.path("event").asText()).isEqualTo("result"));
    }

    @Test
    void aLineThatIsNeverAnsweredGetsAnErrorAndTheLinesAfterItGoOn() {
        List<String> ran = busyNode(10, "never");
        List<JsonNode> replies = replies(run("#all one\n#all never\n#all three\n".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(300)));
        assertThat(ran).containsExactly("#all one", "#all three");
        assertThat(replies).extracting(r -> r.path("event").asText()).containsExactly("result", "error", "result");
        assertThat(replies.get(1).path("message").asText()).contains("no answer from the node within");
    }

    @Test
    void garbageIsAnErrorOrAMessageNeverACrash() {
        byte[] junk = {(byte) 0xff, (byte) 0xfe, 0x00, 0x1b, '[', '2', 'J', '\n'};
        String text = "\n   \n{\"not\": json\n" + "y".repeat(JsonFrontend.MAX_LINE + 10) + "\n-lu\n";
        byte[] all = new byte[junk.length + text.length()];
        System.arraycopy(junk, 0, all, 0, junk.length);
        System.arraycopy(text.getBytes(StandardCharsets.UTF_8), 0, all, junk.length, text.length());

        List<JsonNode> replies = replies(run(all));
        assertThat(replies).hasSize(6);
        assertThat(replies.get(0).path("command").asText()).isEqualTo("send");
        assertThat(replies.get(1).path("message").asText()).contains("empty line");
        assertThat(replies.get(2).path("message").asText()).contains("empty line");
        assertThat(replies.get(3).path("command").asText()).isEqualTo("send");
        assertThat(replies.get(4).path("message").asText()).contains("longer than");
        assertThat(replies.get(5).path("command").asText()).isEqualTo("listusers");
    }

    @Test
    void anObjectWithALineIsThatLineLineBreaksIncludedAndABadOneIsAnError() {
        List<JsonNode> replies = replies(run("{\"line\":\"#all first\\nsecond\"}\n"
                + " { \"line\" : \"-lu\" }\n"
                + "{\"line\":\"oops\"\n"
                + "{\"line\":\"x\",\"to\":\"#all\"}\n"
                + "{\"line\":3}\n"
                + "{\"say\":\"braces are text\"}\n"));
        assertThat(node.lines()).containsExactly("#all first\nsecond", "-lu", "{\"say\":\"braces are text\"}");
        assertThat(replies).extracting(l -> l.path("event").asText() + " " + l.path("command").asText())
                .containsExactly("result send", "result listusers", "error ", "error ", "error ", "result send");
        assertThat(replies.get(2).path("message").asText()).startsWith("{\"line\": ...}: not a JSON object");
        assertThat(replies.get(3).path("message").asText()).contains("one field, \"line\", a string");
    }

    /** Anything after the object is a mistake too: it was dropped without a word, and {"line":"-q"} trailing quit the node (QA). */
    @Test
    void whatFollowsAnObjectOnItsLineMakesItAnError() {
        List<JsonNode> replies = replies(run("{\"line\":\"#all hi\"} not JSON\n"
                + "{\"line\":\"-lu\"}{\"line\":\"-q\"}\n"
                + "{\"line\":\"-q\"} trailing\n"
                + "-lg\n"));
        assertThat(node.lines()).containsExactly("-lg");
        assertThat(replies).extracting(l -> l.path("event").asText() + " " + l.path("command").asText())
                .containsExactly("error ", "error ", "error ", "result listgroups");
        assertThat(replies.get(0).path("message").asText()).startsWith("{\"line\": ...}: not a JSON object");
    }

    @Test
    void theLastLineNeedsNoNewlineAndEndOfInputQuits() {
        List<JsonNode> lines = run("-lg");
        assertThat(replies(lines)).extracting(l -> l.path("command").asText()).containsExactly("listgroups");
    }

    @Test
    void quitStopsReadingAndClosesTheNode() {
        List<JsonNode> lines = run("-q\nnever sent\n");
        assertThat(replies(lines)).extracting(l -> l.path("command").asText()).containsExactly("quit");
        assertThat(node.lines()).containsExactly("-q");
    }

    @Test
    void aNodeThatThrowsStillGetsOneErrorLine() {
        node.answering(line -> {
            throw new IllegalStateException("boom");
        });
        List<JsonNode> replies = replies(run("anything\n-lu\n"));
        assertThat(replies).hasSize(2);
        assertThat(replies.get(0).path("event").asText()).isEqualTo("error");
        assertThat(replies.get(0).path("message").asText()).contains("boom");
    }

    /** Events from other threads while replies are written: every line still one whole object. */
    @Test
    void linesNeverInterleave() {
        int perThread = 500;
        node.answering(line -> {
            if (line.equals("burst")) {
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    String user = "u" + t;
                    threads.add(new Thread(() -> {
                        for (int i = 0; i < perThread; i++) {
                            node.emit(new ChatEvent.Joined("g" + i, user + " with a long name to make lines long " + "z".repeat(200)));
                        }
                    }));
                }
                threads.forEach(Thread::start);
                for (Thread t : threads) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return new Reply.Done("burst", "x".repeat(300));
        });
        List<JsonNode> lines = run("burst\nburst\n");
        assertThat(lines).filteredOn(l -> l.path("event").asText().equals("joined")).hasSize(4 * perThread);
        assertThat(replies(lines)).hasSize(2);
    }

    @Test
    void aSignalThatClosesTheNodeLeavesNoLineUnansweredAndNoEventUnwritten() throws Exception {
        CompletableFuture<Reply> answer = new CompletableFuture<>();
        node.answeringLater(line -> Mono.fromFuture(answer));
        PipedOutputStream typed = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(typed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonFrontend frontend = new JsonFrontend(stdin, out, JsonFrontend.REPLY_TIMEOUT);
        Thread main = new Thread(() -> frontend.run(node), "json-main");
        main.setDaemon(true); // as the launcher's main thread, still reading stdin when the JVM ends
        main.start();
        typed.write("-lu\n".getBytes(StandardCharsets.UTF_8));
        typed.flush();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> node.lines().contains("-lu"));

        // The signal's hook: the node closes, answering the line that waited as it goes (on its
        // own thread, a moment later), and an event on its way out; then the JVM would end.
        node.emit(new ChatEvent.Warning("closing"));
        Schedulers.parallel().schedule(() -> answer.complete(new Reply.Error("listusers", "not run: the node is shutting down")),
                50, TimeUnit.MILLISECONDS);
        frontend.closedBySignal(Duration.ofSeconds(20));

        String written = out.toString(StandardCharsets.UTF_8);
        assertThat(written).contains("\"closing\"").contains("not run: the node is shutting down").endsWith("\n");
    }
}

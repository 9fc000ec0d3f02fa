package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static peerchat.engine.node.LoopbackNodes.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.HistoryPage;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import peerchat.engine.api.Reply;

/**
 * The history reads as it happened: bob renames twice (bob, bobby, robert) while alice's node is
 * down; when it is back, her history, her catch-up (every conversation since a cursor) and the
 * recent messages a frontend starts with have his lines under the name he wrote each under, and
 * the two renames in their place, as the live stream tells them; after a restart too. Real nodes
 * on their own loopback addresses with real logs.
 */
class HistoryAsItHappenedTest {
    private static final Duration WAIT = LoopbackNodes.WAIT;
    private static final List<String> AS_IT_HAPPENED = List.of("bob: while you were away", "-- bob is now known as bobby",
            "bobby: as bobby", "-- bobby is now known as robert", "robert: as robert");

    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackNodes nodes = new LoopbackNodes(() -> dir);

    /** An event as a reader sees it. */
    private static String read(ChatEvent e) {
        if (e instanceof ChatEvent.Message m) {
            return m.message().from() + ": " + m.message().text();
        }
        if (e instanceof ChatEvent.Renamed r) {
            return "-- " + r.was() + " is now known as " + r.user().label();
        }
        return e.toString();
    }

    private static List<String> read(List<ChatEvent> events) {
        return events.stream().map(HistoryAsItHappenedTest::read).collect(Collectors.toList());
    }

    @Test
    void renamesWhileSomeoneIsAwayAreInTheirPlaceAndEachLineHasTheNameOfItsTime() {
        Node alice = nodes.start("alice", "alice", "127.0.0.30");
        Node bob = nodes.start("bob", "bob", "127.0.0.31", alice.self().listen());
        LoopbackNodes.awaitOnline(alice, 2);
        run(bob, "hello");
        await().atMost(WAIT).until(() -> alice.historySize() == 1);
        long seen = alice.historySize() - 1; // alice's terminal showed "hello", then she left
        nodes.stop(alice);
        LoopbackNodes.awaitOnline(bob, 1);

        run(bob, "while you were away");
        assertThat(run(bob, "-nick bobby")).isInstanceOf(Reply.Done.class);
        run(bob, "as bobby");
        assertThat(run(bob, "-nick robert")).isInstanceOf(Reply.Done.class);
        run(bob, "as robert");

        Node back = nodes.start("alice", "alice", "127.0.0.30", bob.self().listen());
        List<ChatEvent> told = new CopyOnWriteArrayList<>();
        back.events().filter(e -> e instanceof ChatEvent.Message || e instanceof ChatEvent.Renamed).subscribe(told::add);
        await().atMost(WAIT).until(() -> back.historySize() == 4);
        assertThat(back.user(bob.self().id()).orElseThrow().label()).isEqualTo("robert");

        assertAsItHappened(back, seen);
        assertThat(read(told)).as("live, as the messages were delivered").isEqualTo(AS_IT_HAPPENED);
        nodes.stop(back);
        assertAsItHappened(nodes.start("alice", "alice", "127.0.0.30"), seen);
    }

    private static void assertAsItHappened(Node alice, long seen) {
        HistoryPage since = alice.historyPageAfter(seen, 100).block(WAIT);
        assertThat(read(since.inOrder())).as("the catch-up").isEqualTo(AS_IT_HAPPENED);
        assertThat(since.renames()).allSatisfy(r -> {
            assertThat(r.user().self()).isFalse();
            assertThat(r.ts()).as("bob's clock when he took the name").isPositive();
        });

        Reply.Messages history = (Reply.Messages) run(alice, "-history #all");
        assertThat(read(history.inOrder())).as("-history").startsWith("bob: hello").endsWith(AS_IT_HAPPENED.toArray(String[]::new));
        assertThat(history.messages()).extracting(MessageView::from).containsExactly("bob", "bob", "bobby", "robert");

        List<ChatEvent> recent = alice.events(20).take(6).collectList().block(WAIT);
        assertThat(read(recent)).as("what a frontend starts with").startsWith("bob: hello").endsWith(AS_IT_HAPPENED.toArray(String[]::new));

        // seq counts from 1: the seq of what she saw is its cursor plus one
        Reply.Messages sinceSeq = (Reply.Messages) run(alice, "-since " + (seen + 1));
        assertThat(read(sinceSeq.inOrder())).as("-since").isEqualTo(AS_IT_HAPPENED);
    }
}

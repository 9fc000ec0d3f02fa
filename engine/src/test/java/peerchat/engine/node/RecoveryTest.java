package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;
import peerchat.engine.identity.Identity;
import peerchat.store.Store;
import peerchat.store.event.Dependency;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.event.Target;
import reactor.test.StepVerifier;

/** Restart = replay: what the log holds comes back, including what a crash left half done. */
class RecoveryTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final NodeId BOB = new NodeId("b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0");

    @TempDir
    Path dir;

    private static Event.MessageReceived fromBob(NodeId self, long seq, List<Dependency> meta, String text) {
        return new Event.MessageReceived(new MessageId(BOB, seq), Set.of(self), meta, seq,
                new Payload.Chat(new Target.Group(GroupName.ALL), text), 1000 + seq, 2000 + seq);
    }

    @Test
    void aReceiveLoggedWithoutItsDeliveryIsDeliveredAtStartAndABufferedOneWaits() {
        Path data = dir.resolve("alice");
        NodeId self = Identity.loadOrCreate(data).id();
        try (Store store = Store.open(data.resolve("log"))) {
            store.append(new Event.PeerSeen(BOB, "bob", "127.0.0.9:1", null, 1)).block(WAIT);
            // seq 1 was logged, then the node died before logging its delivery
            store.append(fromBob(self, 1, List.of(), "cut off by a crash")).block(WAIT);
            // seq 3 depends on seq 2 (which never came): it must stay buffered after the restart
            store.append(fromBob(self, 3, List.of(new Dependency(BOB, 2, Set.of(self))), "waits for 2")).block(WAIT);
        }
        Node node = Node.start(NodeConfig.loopback("alice", data, "127.0.0.2")).block(WAIT);
        try {
            StepVerifier.create(node.events().ofType(ChatEvent.Message.class).map(m -> m.message().text()).take(1))
                    .expectNext("cut off by a crash").verifyComplete();
            List<MessageView> history = node.history(Conversation.all(), 10).block(WAIT);
            assertThat(history).extracting(MessageView::text).containsExactly("cut off by a crash");
        } finally {
            node.shutdown().block(WAIT);
        }
        // and it is now in the log for good: a second restart shows it once, from history
        Node again = Node.start(NodeConfig.loopback("alice", data, "127.0.0.2")).block(WAIT);
        try {
            assertThat(again.history(Conversation.all(), 10).block(WAIT)).extracting(MessageView::text).containsExactly("cut off by a crash");
        } finally {
            again.shutdown().block(WAIT);
        }
    }

    @Test
    void aReceiveLoggedAsDeliveredAtOnceIsHistoryAfterARestartAndIsNotDeliveredAgain() {
        Path data = dir.resolve("erin");
        NodeId self = Identity.loadOrCreate(data).id();
        try (Store store = Store.open(data.resolve("log"))) {
            store.append(new Event.PeerSeen(BOB, "bob", "127.0.0.9:1", null, 1)).block(WAIT);
            store.append(fromBob(self, 1, List.of(), "one entry for both").asDeliveredAtOnce()).block(WAIT);
            // the older form, a receive and then its delivery, still reads the same
            store.appendAll(List.of(fromBob(self, 2, List.of(), "two entries"), new Event.MessageDelivered(new MessageId(BOB, 2), 2003)))
                    .block(WAIT);
        }
        Node node = Node.start(NodeConfig.loopback("erin", data, "127.0.0.2")).block(WAIT);
        try {
            PeerNode peer = (PeerNode) node;
            assertThat(node.history(Conversation.all(), 10).block(WAIT)).extracting(MessageView::text)
                    .containsExactly("one entry for both", "two entries");
            // nothing was left to deliver: no delivery entry was added at start
            List<Event> delivered = new java.util.ArrayList<>();
            peer.store().log().replay(l -> {
                if (l.event() instanceof Event.MessageDelivered) {
                    delivered.add(l.event());
                }
            });
            assertThat(delivered).containsExactly(new Event.MessageDelivered(new MessageId(BOB, 2), 2003));
        } finally {
            node.shutdown().block(WAIT);
        }
    }

    @Test
    void acksAreKnownAtOnceLoggedSoonAfterAndSurviveARestart() {
        Path data = dir.resolve("dave");
        Node node = Node.start(NodeConfig.loopback("dave", data, "127.0.0.2")).block(WAIT);
        try {
            Messenger messenger = ((PeerNode) node).messenger();
            messenger.acked(BOB, 5);
            messenger.acked(BOB, 9);
            messenger.acked(BOB, 7);
            assertThat(messenger.ackedUpTo(BOB)).isEqualTo(9);
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> ((PeerNode) node).store().links().lastAcked(BOB) == 9);
        } finally {
            node.shutdown().block(WAIT);
        }
        Node again = Node.start(NodeConfig.loopback("dave", data, "127.0.0.2")).block(WAIT);
        try {
            assertThat(((PeerNode) again).messenger().ackedUpTo(BOB)).isEqualTo(9);
        } finally {
            again.shutdown().block(WAIT);
        }
    }

    @Test
    void garbageFromAPeerIsLoggedAsDroppedSoItsLinkMovesPastIt() {
        Path data = dir.resolve("carol");
        Node node = Node.start(NodeConfig.loopback("carol", data, "127.0.0.2")).block(WAIT);
        try {
            Messenger messenger = ((PeerNode) node).messenger();
            messenger.receive(BOB, 1, new byte[] {1, 2, 3}).block(WAIT);
            messenger.receive(BOB, 2, "not smile either".getBytes(java.nio.charset.StandardCharsets.UTF_8)).block(WAIT);
            assertThat(messenger.receivedFrom(BOB).contiguousUpTo()).isEqualTo(2);
        } finally {
            node.shutdown().block(WAIT);
        }
        Node again = Node.start(NodeConfig.loopback("carol", data, "127.0.0.2")).block(WAIT);
        try {
            assertThat(((PeerNode) again).messenger().receivedFrom(BOB).contiguousUpTo()).isEqualTo(2);
            assertThat(again.history(Conversation.all(), 10).block(WAIT)).isEmpty();
        } finally {
            again.shutdown().block(WAIT);
        }
    }
}

package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;
import peerchat.engine.identity.Identity;
import peerchat.store.event.Event;
import peerchat.store.event.GroupName;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.event.Target;

/**
 * Copies passed on by a third node, fed to a real node's journal as its links would: only one
 * sealed by the message's own sender, for this node, unchanged, is taken; every other one is
 * dropped with its reason, and the node goes on.
 */
class RelayedCopiesTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Identity ALICE = Identity.generate();
    static final NodeId CAROL = new NodeId("c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0");

    @TempDir
    Path dir;

    private static byte[] aliceWrote(NodeId to, long seq, String text) {
        return aliceWrote(to, seq, text, new WireCodec());
    }

    private static byte[] aliceWrote(NodeId to, long seq, String text, WireCodec codec) {
        Event.MessageSent sent = new Event.MessageSent(new MessageId(ALICE.id(), seq), Set.of(to), Map.of(to, List.of()),
                Map.of(to, seq), new Payload.Chat(new Target.Group(GroupName.ALL), text), 1000 + seq, 1000 + seq);
        return codec.encode(sent, to);
    }

    @Test
    void onlyAnUnchangedCopySealedByItsSenderForThisNodeIsTaken() {
        Node node = Node.start(NodeConfig.loopback("bob", dir.resolve("bob"), "127.0.0.2")).block(WAIT);
        try {
            PeerNode bob = (PeerNode) node;
            NodeId me = bob.self().id();
            List<String> shown = new CopyOnWriteArrayList<>();
            node.events().ofType(ChatEvent.Message.class).subscribe(m -> shown.add(m.message().text()));
            Messenger journal = bob.messenger();

            journal.receive(CAROL, 1, RelayEnvelope.seal(ALICE, me, 1, aliceWrote(me, 1, "genuine"))).block(WAIT);
            Identity mallory = Identity.generate();
            journal.receive(CAROL, 2, RelayEnvelope.seal(mallory, me, 2, aliceWrote(me, 2, "sealed by another key"))).block(WAIT);
            byte[] changed = RelayEnvelope.seal(ALICE, me, 3, aliceWrote(me, 3, "changed on the way"));
            changed[changed.length - 3] ^= 1;
            journal.receive(CAROL, 3, changed).block(WAIT);
            journal.receive(CAROL, 4, RelayEnvelope.seal(ALICE, CAROL, 4, aliceWrote(CAROL, 4, "for someone else"))).block(WAIT);
            journal.receive(CAROL, 5, new byte[] {'R', 99, 0}).block(WAIT);
            journal.receive(CAROL, 6, CustodyBundle.wrap(List.of(new byte[] {'R', 7}), new byte[] {'K'})).block(WAIT);
            // a second copy of the genuine one (another keeper, or alice herself later): dropped as taken
            journal.receive(CAROL, 7, RelayEnvelope.seal(ALICE, me, 1, aliceWrote(me, 1, "genuine"))).block(WAIT);

            await().atMost(WAIT).until(() -> bob.store().links().received(CAROL).contiguous() == 7);
            assertThat(shown).containsExactly("genuine");
            assertThat(bob.store().links().received(ALICE.id()).contiguous()).isEqualTo(1);
            List<String> reasons = new ArrayList<>();
            bob.store().log().replay(l -> {
                if (l.event() instanceof Event.MessageDropped d) {
                    reasons.add(d.from().shortForm() + " " + d.linkSeq() + ": " + d.reason());
                }
            });
            assertThat(reasons).hasSize(6); // the other six, each under the number it came with
            assertThat(String.join("\n", reasons))
                    .contains("c0c0c0c0 2: a copy of " + ALICE.id() + "-2 sealed by " + mallory.id() + ", not by its sender")
                    .contains("whose signature does not verify")
                    .contains("not for this node")
                    .contains("relayed copy of unknown version 99")
                    .contains("not a message body")
                    .contains("was taken already");
            assertThat(bob.execute("still here").block(WAIT)).isInstanceOf(peerchat.engine.api.Reply.Sent.class);
        } finally {
            node.shutdown().block(WAIT);
        }
    }

    /** Sealed copies handed over on their own, as their sender does when it loses its link to whom they are for. */
    @Test
    void sealedCopiesHandedOverByTheirSenderAreKeptAndGoInTheOutboxOfWhomTheyAreFor() {
        Node node = Node.start(NodeConfig.loopback("bob", dir.resolve("bob"), "127.0.0.2")).block(WAIT);
        try {
            PeerNode bob = (PeerNode) node;
            Messenger journal = bob.messenger();
            byte[] forCarol = RelayEnvelope.seal(ALICE, CAROL, 5, aliceWrote(CAROL, 5, "for carol"));
            journal.receive(ALICE.id(), 1, CustodyBundle.wrap(List.of(forCarol), new byte[0])).block(WAIT);
            // one that alice did not seal is not kept, and then nothing is: the number is dropped
            byte[] notHers = RelayEnvelope.seal(Identity.generate(), CAROL, 6, aliceWrote(CAROL, 6, "not hers"));
            journal.receive(ALICE.id(), 2, CustodyBundle.wrap(List.of(notHers), new byte[0])).block(WAIT);

            await().atMost(WAIT).until(() -> bob.store().links().received(ALICE.id()).contiguous() == 2);
            long[] outbox = bob.store().links().unacked(CAROL);
            assertThat(outbox).hasSize(1);
            assertThat(bob.store().read(outbox[0]).orElseThrow()).isInstanceOfSatisfying(Event.CustodyTaken.class, c -> {
                assertThat(c.forPeer()).isEqualTo(CAROL);
                assertThat(c.id()).isEqualTo(new MessageId(ALICE.id(), 5));
                assertThat(c.envelope()).isEqualTo(forCarol);
            });
            List<String> reasons = new ArrayList<>();
            bob.store().log().replay(l -> {
                if (l.event() instanceof Event.MessageDropped d) {
                    reasons.add(d.linkSeq() + ": " + d.reason());
                }
            });
            assertThat(reasons).containsExactly("2: sealed copies handed over, none of them kept");
        } finally {
            node.shutdown().block(WAIT);
        }
    }

    /**
     * A copy passed on by another node can come before anything told this node its sender's
     * name (QA: a newcomer's first lines and join showed under a bare id at every node but the
     * one it had met, and the name came later without a word). The message says it: its line is
     * shown under it, and the name is kept, as a restart reads it back.
     */
    @Test
    void aSenderNeverHeardOfIsShownUnderTheNameItsMessageGives() {
        Node node = Node.start(NodeConfig.loopback("bob", dir.resolve("bob"), "127.0.0.2")).block(WAIT);
        try {
            PeerNode bob = (PeerNode) node;
            NodeId me = bob.self().id();
            List<String> from = new CopyOnWriteArrayList<>();
            node.events().ofType(ChatEvent.Message.class).subscribe(m -> from.add(m.message().from()));

            bob.messenger().receive(CAROL, 1, RelayEnvelope.seal(ALICE, me, 1, aliceWrote(me, 1, "first", new WireCodec(() -> "alice")))).block(WAIT);
            await().atMost(WAIT).until(() -> from.size() == 1);

            assertThat(from).containsExactly("alice");
            assertThat(node.user(ALICE.id()).map(u -> u.label())).contains("alice");
        } finally {
            node.shutdown().block(WAIT);
        }
        Node again = Node.start(NodeConfig.loopback("bob", dir.resolve("bob"), "127.0.0.2")).block(WAIT);
        try {
            assertThat(again.user(ALICE.id()).map(u -> u.label())).contains("alice");
        } finally {
            again.shutdown().block(WAIT);
        }
    }
}

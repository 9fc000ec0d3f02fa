package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import peerchat.engine.identity.Identity;
import peerchat.store.event.NodeId;
import reactor.core.Disposable;

/**
 * What every {@link PeerLinks} promises, run against the TCP links and the in-memory network: the
 * node above can be tested on either and behave the same.
 */
interface PeerLinksContract {
    Duration WAIT = Duration.ofSeconds(60);

    /** One node: its identity, journal and links, and every event it reported. */
    final class Peer {
        final String name;
        final Identity identity;
        final InMemoryLinkJournal journal;
        final PeerLinks links;
        final InetSocketAddress address;
        final List<LinkEvent> events = new CopyOnWriteArrayList<>();
        private final Disposable subscription;

        Peer(String name, Identity identity, InMemoryLinkJournal journal, PeerLinks links) {
            this.name = name;
            this.identity = identity;
            this.journal = journal;
            this.links = links;
            this.subscription = links.events().subscribe(events::add);
            this.address = links.start().block(WAIT);
        }

        NodeId id() {
            return identity.id();
        }

        void send(NodeId to, String text) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            Outbound o = journal.recordSend(to, body, 0);
            links.send(to, o.linkSeq(), body, 0);
        }

        List<Long> seqsFrom(NodeId from) {
            return journal.received(from).stream().map(InMemoryLinkJournal.Received::linkSeq).toList();
        }

        void close() {
            links.close().block(WAIT);
            subscription.dispose();
        }
    }

    /** Starts links for {@code name} with this identity and journal (the same pair again = a restart). */
    Peer start(String name, Identity identity, InMemoryLinkJournal journal);

    /** Every peer a test started, closed after it. */
    List<Peer> all();

    default Peer start(String name) {
        return start(name, Identity.generate(), new InMemoryLinkJournal());
    }

    @AfterEach
    default void closeAll() {
        for (Peer p : new ArrayList<>(all())) {
            p.close();
        }
        all().clear();
    }

    private static List<Long> oneTo(int n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    default void aLinkIsProvenAndReportedOnBothSides() {
        Peer a = start("alice");
        Peer b = start("bob");
        a.links.connect(b.address);
        await().atMost(WAIT).until(() -> a.links.connected().contains(b.id()) && b.links.connected().contains(a.id()));
        await().atMost(WAIT).until(() -> a.events.stream().anyMatch(e -> e instanceof LinkEvent.PeerUp));
        LinkEvent.PeerUp up = (LinkEvent.PeerUp) a.events.stream().filter(e -> e instanceof LinkEvent.PeerUp).findFirst().orElseThrow();
        assertThat(up.peer()).isEqualTo(b.id());
        assertThat(up.name()).isEqualTo("bob");
        assertThat(up.listenAddress()).isEqualTo(b.address);
        assertThat(up.publicKey()).isEqualTo(b.identity.publicKey());
    }

    @Test
    default void everyMessageArrivesOnceAndIsAcknowledged() {
        Peer a = start("alice");
        Peer b = start("bob");
        a.links.connect(b.address);
        await().atMost(WAIT).until(() -> a.links.connected().contains(b.id()));
        for (int i = 0; i < 500; i++) {
            a.send(b.id(), "m" + i);
            b.send(a.id(), "r" + i);
        }
        await().atMost(WAIT).until(() -> b.seqsFrom(a.id()).size() >= 500 && a.seqsFrom(b.id()).size() >= 500);
        assertThat(b.seqsFrom(a.id())).containsExactlyInAnyOrderElementsOf(oneTo(500));
        assertThat(a.seqsFrom(b.id())).containsExactlyInAnyOrderElementsOf(oneTo(500));
        await().atMost(WAIT).until(() -> a.journal.ackedUpTo(b.id()) == 500 && b.journal.ackedUpTo(a.id()) == 500);
    }

    @Test
    default void whatWasSentWhileAPeerWasAwayArrivesWhenItComesBack() {
        Peer a = start("alice");
        Peer b = start("bob");
        a.links.connect(b.address);
        await().atMost(WAIT).until(() -> a.links.connected().contains(b.id()));
        a.send(b.id(), "before");
        await().atMost(WAIT).until(() -> b.seqsFrom(a.id()).size() == 1);
        b.close();
        all().remove(b);
        await().atMost(WAIT).until(() -> !a.links.connected().contains(b.id()));
        // presence reports the loss after a short grace (a replacing link would cancel it)
        await().atMost(WAIT).until(() -> a.events.stream().anyMatch(e -> e instanceof LinkEvent.PeerDown && e.peer().equals(b.id())));
        for (int i = 0; i < 20; i++) {
            a.send(b.id(), "while away " + i);
        }
        Peer again = start("bob", b.identity, b.journal);
        again.links.connect(a.address);
        await().atMost(WAIT).until(() -> again.seqsFrom(a.id()).size() >= 21);
        assertThat(again.seqsFrom(a.id())).containsExactlyInAnyOrderElementsOf(oneTo(21));
        await().atMost(WAIT).until(() -> a.journal.ackedUpTo(b.id()) == 21);
    }

    @Test
    default void gossipCompletesTheMeshFromOneSeed() {
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            peers.add(start("n" + i));
        }
        for (int i = 1; i < 4; i++) {
            peers.get(i).links.connect(peers.get(0).address);
        }
        await().atMost(WAIT).until(() -> peers.stream().allMatch(p -> p.links.connected().size() == 3));
        Peer last = peers.get(3);
        assertThat(last.events).anyMatch(e -> e instanceof LinkEvent.PeerHeard);
        last.send(peers.get(1).id(), "over a gossip-made link");
        await().atMost(WAIT).until(() -> peers.get(1).seqsFrom(last.id()).size() == 1);
    }
}

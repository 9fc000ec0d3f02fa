package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import peerchat.engine.identity.Identity;

/** The in-memory network against the links contract, plus its fault injection. */
class InMemoryPeerLinksTest implements PeerLinksContract {
    private final InMemoryNetwork network = new InMemoryNetwork(Clock.systemUTC());
    private final List<Peer> all = new ArrayList<>();

    @Override
    public Peer start(String name, Identity identity, InMemoryLinkJournal journal) {
        Peer p = new Peer(name, identity, journal, network.join(identity, journal, name));
        all.add(p);
        return p;
    }

    @Override
    public List<Peer> all() {
        return all;
    }

    @Test
    void aCutLinkLosesNothingOnceHealed() {
        Peer a = start("alice");
        Peer b = start("bob");
        a.links.connect(b.address);
        await().atMost(WAIT).until(() -> b.links.connected().contains(a.id()));
        for (int i = 0; i < 100; i++) {
            a.send(b.id(), "m" + i);
        }
        network.cut(a.id(), b.id());
        assertThat(a.links.connected()).doesNotContain(b.id());
        assertThat(b.events).anyMatch(e -> e instanceof LinkEvent.PeerDown);
        for (int i = 100; i < 200; i++) {
            a.send(b.id(), "m" + i);
        }
        network.heal(a.id(), b.id());
        await().atMost(WAIT).until(() -> b.seqsFrom(a.id()).size() >= 200);
        assertThat(b.seqsFrom(a.id())).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
        await().atMost(WAIT).until(() -> a.journal.unackedCount(b.id()) == 0);
    }
}

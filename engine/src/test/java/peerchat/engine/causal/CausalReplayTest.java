package peerchat.engine.causal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import peerchat.store.event.Dependency;
import peerchat.store.event.Event;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.event.Target;

/**
 * A restarted node rebuilds its causal state from the store's message events: clock, SR, LOG and
 * the buffer come back exactly, and it goes on exactly as if it had never stopped.
 */
class CausalReplayTest {
    static final NodeId A = CausalCoreTest.A;
    static final NodeId B = CausalCoreTest.B;
    static final NodeId C = CausalCoreTest.C;

    /** A node's core plus its log, as the node will keep them: append, then feed the core. */
    private static final class Recorded {
        final CausalCore<Payload> core;
        final List<Event> log = new ArrayList<>();

        Recorded(NodeId self) {
            core = new CausalCore<>(self, 4);
        }

        Outgoing<Payload> send(Set<NodeId> dests, String text) {
            Payload p = new Payload.Chat(new Target.User(dests.iterator().next()), text);
            Outgoing<Payload> out = core.send(dests, p);
            log.add(new Event.MessageSent(out.id(), dests, out.meta(), Map.of(), p, 0, 0));
            return out;
        }

        ReceiveResult<Payload> receive(Incoming<Payload> in) {
            log.add(new Event.MessageReceived(in.id(), in.dests(), in.meta(), 0, in.payload(), 0, 0));
            return core.receive(in);
        }
    }

    @Test
    void aRestartedCoreHasExactlyTheStateItHadAndContinuesIdentically() {
        Recorded a = new Recorded(A);
        Recorded b = new Recorded(B);
        Recorded c = new Recorded(C);
        Outgoing<Payload> a1 = a.send(Set.of(B, C), "a1");
        b.receive(a1.copyFor(B));
        Outgoing<Payload> b1 = b.send(Set.of(A, C), "b1");
        Outgoing<Payload> a2 = a.send(Set.of(C), "a2");
        c.receive(b1.copyFor(C)); // waits for a1
        c.receive(a2.copyFor(C)); // waits for a1
        c.send(Set.of(A), "c1");
        c.log.add(new Event.PeerConnected(A, "127.0.0.2:7117", 0)); // not a causal input: skipped
        assertThat(c.core.snapshot().buffered()).containsExactly(a2.id(), b1.id());

        CausalCore<Payload> restarted = CausalReplay.rebuild(C, 4, c.log);
        assertThat(restarted.snapshot()).isEqualTo(c.core.snapshot());

        // Both go on with the same inputs: same deliveries, same next message, same state.
        ReceiveResult<Payload> original = c.core.receive(a1.copyFor(C));
        ReceiveResult<Payload> again = restarted.receive(a1.copyFor(C));
        assertThat(again.delivered()).isEqualTo(original.delivered())
                .extracting(Incoming::id).containsExactly(a1.id(), b1.id(), a2.id());
        Outgoing<Payload> next = c.core.send(Set.of(A, B), null);
        Outgoing<Payload> nextAgain = restarted.send(Set.of(A, B), null);
        assertThat(nextAgain).isEqualTo(next);
        assertThat(nextAgain.id()).isEqualTo(new MessageId(C, 2));
        assertThat(restarted.snapshot()).isEqualTo(c.core.snapshot());
    }

    @Test
    void aLogMissingASendNumbersOnAfterItRatherThanReusingItsTimestamp() {
        Recorded a = new Recorded(A);
        a.send(Set.of(C), "a1");
        a.send(Set.of(C), "a2");
        CausalCore<Payload> rebuilt = new CausalCore<>(A, 4);
        // a1's entry is missing from the core: a2's metadata (which names a1) comes out other than recorded.
        assertThat(CausalReplay.apply(rebuilt, a.log.get(1))).isFalse();
        assertThat(rebuilt.clock()).isEqualTo(2);
        assertThat(rebuilt.send(Set.of(B), null).id()).isEqualTo(new MessageId(A, 3));
        // Going back is still refused: that timestamp is taken.
        CausalCore<Payload> backwards = new CausalCore<>(A, 4);
        CausalReplay.apply(backwards, a.log.get(1));
        assertThatThrownBy(() -> CausalReplay.apply(backwards, a.log.get(0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not follow clock 2");
    }

    @Test
    void aLogWhoseRecordedMetadataDisagreesIsRefused() {
        Recorded a = new Recorded(A);
        a.send(Set.of(B), "a1");
        a.send(Set.of(B), "a2");
        Event.MessageSent second = (Event.MessageSent) a.log.get(1);
        Event.MessageSent altered = new Event.MessageSent(second.id(), second.destinations(),
                Map.of(B, List.of(new Dependency(A, 1, Set.of(C)))), Map.of(), second.payload(), 0, 0);
        assertThatThrownBy(() -> CausalReplay.rebuild(A, 4, List.of(a.log.get(0), altered)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("other metadata");
    }
}

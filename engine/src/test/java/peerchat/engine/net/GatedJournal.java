package peerchat.engine.net;

import java.util.concurrent.atomic.AtomicInteger;
import peerchat.store.event.NodeId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** An in-memory journal that holds every receive until its gate is opened (a full causal buffer, a slow disk). */
final class GatedJournal implements LinkJournal {
    final InMemoryLinkJournal inner = new InMemoryLinkJournal();
    final Sinks.Empty<Void> gate = Sinks.empty();
    /** Receives that reached the gate and wait there. */
    final AtomicInteger waiting = new AtomicInteger();

    @Override
    public Mono<Void> receive(NodeId from, long linkSeq, byte[] body) {
        return Mono.defer(() -> {
            waiting.incrementAndGet();
            return gate.asMono();
        }).then(Mono.defer(() -> inner.receive(from, linkSeq, body)));
    }

    @Override
    public ReceivedSeqs receivedFrom(NodeId from) {
        return inner.receivedFrom(from);
    }

    @Override
    public Flux<Outbound> unacked(NodeId peer, long afterLinkSeq) {
        return inner.unacked(peer, afterLinkSeq);
    }

    @Override
    public void acked(NodeId peer, long upToLinkSeq) {
        inner.acked(peer, upToLinkSeq);
    }

    @Override
    public long ackedUpTo(NodeId peer) {
        return inner.ackedUpTo(peer);
    }
}

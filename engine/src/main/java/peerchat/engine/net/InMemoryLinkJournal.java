package peerchat.engine.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import peerchat.store.event.NodeId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link LinkJournal} in memory: for unit tests and benchmarks, and the reference the durable
 * implementations are held to (the contract test runs against both). Also plays the node's part
 * of numbering sends per destination ({@link #recordSend}). Not final: a test may take messages
 * its own way ({@code receive}) and keep the rest.
 */
public class InMemoryLinkJournal implements LinkJournal {
    /** One message as it was received. */
    public record Received(NodeId from, long linkSeq, byte[] body) {
    }

    private final Map<NodeId, ConcurrentNavigableMap<Long, Outbound>> outboxes = new ConcurrentHashMap<>();
    private final Map<NodeId, Long> lastSeq = new ConcurrentHashMap<>();
    private final Map<NodeId, Long> acked = new ConcurrentHashMap<>();
    private final Map<NodeId, SeqTracker> trackers = new ConcurrentHashMap<>();
    private final Map<NodeId, List<Received>> received = new ConcurrentHashMap<>();

    /** Numbers a message for {@code to} (1, 2, 3 ... per destination) and keeps it until acked: what the node does before {@code send}. */
    public Outbound recordSend(NodeId to, byte[] body, long notBeforeMillis) {
        long seq = lastSeq.merge(to, 1L, Long::sum);
        Outbound o = new Outbound(seq, body, notBeforeMillis);
        outbox(to).put(seq, o);
        if (seq <= ackedUpTo(to)) {
            outbox(to).remove(seq);
        }
        return o;
    }

    @Override
    public Mono<Void> receive(NodeId from, long linkSeq, byte[] body) {
        return Mono.fromRunnable(() -> {
            List<Received> list = received.computeIfAbsent(from, k -> new ArrayList<>());
            synchronized (list) {
                list.add(new Received(from, linkSeq, body));
            }
            tracker(from).add(linkSeq);
        });
    }

    @Override
    public ReceivedSeqs receivedFrom(NodeId from) {
        return tracker(from).snapshot();
    }

    @Override
    public Flux<Outbound> unacked(NodeId peer, long afterLinkSeq) {
        return Flux.defer(() -> Flux.fromIterable(outbox(peer).tailMap(afterLinkSeq, false).values()));
    }

    @Override
    public void acked(NodeId peer, long upToLinkSeq) {
        long now = acked.merge(peer, upToLinkSeq, Math::max);
        outbox(peer).headMap(now, true).clear();
    }

    @Override
    public long ackedUpTo(NodeId peer) {
        return acked.getOrDefault(peer, 0L);
    }

    /** Everything received from {@code from}, in the order it was appended. */
    public List<Received> received(NodeId from) {
        List<Received> list = received.getOrDefault(from, List.of());
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** How many messages to {@code peer} are still unacknowledged. */
    public int unackedCount(NodeId peer) {
        return outbox(peer).size();
    }

    private ConcurrentNavigableMap<Long, Outbound> outbox(NodeId peer) {
        return outboxes.computeIfAbsent(peer, k -> new ConcurrentSkipListMap<>());
    }

    private SeqTracker tracker(NodeId from) {
        return trackers.computeIfAbsent(from, k -> new SeqTracker(ReceivedSeqs.NONE));
    }
}

package peerchat.engine.net;

import peerchat.store.event.NodeId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The node's durable state as the links need it: the links hold nothing that a restart would
 * lose. The node backs this with its log; {@link InMemoryLinkJournal} is the twin for unit tests
 * and benchmarks.
 *
 * <p>Threading: {@link #receive} is called for one sender strictly in order (the next only after
 * the previous completed); different senders may call concurrently. The other methods may be
 * called from any thread, including Netty event loops, so they must not block for long.
 */
public interface LinkJournal {

    /**
     * Appends a message received from {@code from} and completes when it is durable; only then is
     * it acknowledged to the sender. Delaying completion pauses that sender (its inbound is read no
     * further), which is how a full causal buffer pushes back. Called at most once per
     * {@code (from, linkSeq)}: duplicates are dropped before this.
     */
    Mono<Void> receive(NodeId from, long linkSeq, byte[] body);

    /** What the log says was received from {@code from}: seeds duplicate detection after a restart. */
    ReceivedSeqs receivedFrom(NodeId from);

    /**
     * What this node sent {@code peer} with a link seq above {@code afterLinkSeq}, in seq order,
     * from the log; finite (what is there now). Resent when a link (re)opens or after the bounded
     * outbound buffer overflowed.
     */
    Flux<Outbound> unacked(NodeId peer, long afterLinkSeq);

    /** The peer has durably received everything up to {@code upToLinkSeq} (the node logs it). */
    void acked(NodeId peer, long upToLinkSeq);

    /** The highest seq {@code peer} has acknowledged, 0 if none. */
    long ackedUpTo(NodeId peer);
}

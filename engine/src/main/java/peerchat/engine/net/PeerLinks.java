package peerchat.engine.net;

import java.net.InetSocketAddress;
import java.util.Set;
import peerchat.store.event.NodeId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The links from this node to its peers: one authenticated connection per pair, reliable
 * delivery of opaque bodies (per-link seqs, cumulative acks, resend from the {@link LinkJournal}),
 * presence, and gossip of known peers so a full mesh forms from one seed.
 */
public interface PeerLinks {

    /** Binds the listen address; completes with the bound address (the one advertised to peers). */
    Mono<InetSocketAddress> start();

    /** Adds a seed: dialed, and redialed with backoff whenever no link leads to it. Never blocks. */
    void connect(InetSocketAddress seed);

    /**
     * Transmits a message the node has already recorded in its journal. Never blocks: when the
     * peer is offline or its bounded buffer is full, the message is fetched from the journal later.
     * The node calls this per destination in seq order.
     */
    void send(NodeId to, long linkSeq, byte[] body, long notBeforeMillis);

    /** Hot: PeerUp, PeerDown, PeerHeard, as they happen. */
    Flux<LinkEvent> events();

    /**
     * The display name this node gives in handshakes from now on (links already up were told
     * otherwise: by a message, {@code Payload.Rename}). Any thread.
     */
    void rename(String name);

    /** Peers with an open, authenticated link now. */
    Set<NodeId> connected();

    /**
     * Whether a link may come up in a moment: an address given to {@link #connect} not tried to
     * the end yet, or a handshake under way. False once every address was tried and none answers.
     */
    boolean reaching();

    /**
     * What the peers are told this node's user said on leaving, when it closes ({@code /quit see
     * you}): "" for nothing. Any thread.
     *
     * @throws IllegalArgumentException if the words could not be sent ({@link PartingWords#check})
     */
    void partingWords(String words);

    /** Closes every link and the listener; completes when done. */
    Mono<Void> close();
}

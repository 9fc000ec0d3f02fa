package peerchat.engine.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import peerchat.engine.identity.Identity;
import peerchat.store.event.NodeId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@link PeerLinks} on an {@link InMemoryNetwork}: same promises as the TCP links (each message
 * reaches the peer's journal once, acks after the append, resend from the journal when a link
 * comes back, PeerUp/PeerDown/PeerHeard, gossip to a full mesh), no sockets. Each link direction
 * delivers in order on its own serial worker; held-back messages ({@code notBefore}) go on a timer.
 */
public final class InMemoryPeerLinks implements PeerLinks {
    private final InMemoryNetwork network;
    private final Identity identity;
    private final LinkJournal journal;
    private volatile String name;
    private final InetSocketAddress address;
    private final Map<NodeId, Link> links = new ConcurrentHashMap<>();
    private volatile String partingWords = "";
    private final Set<InetSocketAddress> wanted = ConcurrentHashMap.newKeySet();
    private final Set<NodeId> heard = ConcurrentHashMap.newKeySet();
    private final Map<NodeId, SeqTracker> trackers = new ConcurrentHashMap<>();
    private final Sinks.Many<LinkEvent> events = Sinks.many().multicast().onBackpressureBuffer(4096, false);
    private volatile boolean started;

    InMemoryPeerLinks(InMemoryNetwork network, Identity identity, LinkJournal journal, String name, InetSocketAddress address) {
        this.network = network;
        this.identity = identity;
        this.journal = journal;
        this.name = name;
        this.address = address;
    }

    /** One direction of one link: the peer, and the serial worker that delivers to it. */
    private static final class Link {
        final InMemoryPeerLinks peer;
        final Scheduler worker = Schedulers.newSingle("mem-link", true);

        Link(InMemoryPeerLinks peer) {
            this.peer = peer;
        }
    }

    @Override
    public Mono<InetSocketAddress> start() {
        return Mono.fromCallable(() -> {
            started = true;
            network.started(this);
            return address;
        });
    }

    InetSocketAddress address() {
        return address;
    }

    public NodeId selfId() {
        return identity.id();
    }

    String name() {
        return name;
    }

    @Override
    public void rename(String newName) {
        this.name = java.util.Objects.requireNonNull(newName, "name");
    }

    boolean wants(NodeId peer) {
        InMemoryPeerLinks p = network.node(peer);
        return p != null && wanted.contains(p.address());
    }

    @Override
    public void connect(InetSocketAddress seed) {
        wanted.add(seed);
        InMemoryPeerLinks target = network.at(seed);
        if (started && target != null && target.started) {
            network.link(this, target);
        }
    }

    @Override
    public void send(NodeId to, long linkSeq, byte[] body, long notBeforeMillis) {
        Link link = links.get(to);
        if (link != null) {
            transmit(link, new Outbound(linkSeq, body, notBeforeMillis));
        }
    }

    private void transmit(Link link, Outbound o) {
        long wait = o.notBeforeMillis() - network.clock().millis();
        if (wait > 0) {
            link.worker.schedule(() -> deliver(link, o), wait, java.util.concurrent.TimeUnit.MILLISECONDS);
        } else {
            link.worker.schedule(() -> deliver(link, o));
        }
    }

    /** On the link's worker: the receiver appends (once), then the sender learns the ack. */
    private void deliver(Link link, Outbound o) {
        if (links.get(link.peer.selfId()) != link) {
            return; // the link was cut meanwhile: the journal resends it on the next one
        }
        InMemoryPeerLinks receiver = link.peer;
        SeqTracker seen = receiver.tracker(selfId());
        if (seen.claim(o.linkSeq())) {
            try {
                receiver.journal.receive(selfId(), o.linkSeq(), o.body()).block(Duration.ofMinutes(1));
                seen.add(o.linkSeq());
            } catch (RuntimeException e) {
                seen.abandon(o.linkSeq());
                return;
            }
        }
        long upTo = seen.prefix();
        if (upTo > journal.ackedUpTo(receiver.selfId())) {
            journal.acked(receiver.selfId(), upTo);
        }
    }

    private SeqTracker tracker(NodeId from) {
        return trackers.computeIfAbsent(from, k -> new SeqTracker(journal.receivedFrom(k)));
    }

    /** Adds the link to {@code peer}; true if it is new. */
    boolean addLink(InMemoryPeerLinks peer) {
        if (!started || links.containsKey(peer.selfId())) {
            return false;
        }
        links.put(peer.selfId(), new Link(peer));
        return true;
    }

    /** After both sides added the link: presence, gossip, and the resend of what the peer lacks. */
    void linkedTo(InMemoryPeerLinks peer) {
        emit(new LinkEvent.PeerUp(peer.selfId(), peer.name(), peer.address(), peer.identity.publicKey()));
        Link link = links.get(peer.selfId());
        if (link != null) {
            long after = peer.tracker(selfId()).prefix();
            journal.unacked(peer.selfId(), after).subscribe(o -> transmit(link, o));
        }
        // Gossip: each learns the other's peers and links to them (the in-memory mesh completes at once).
        for (NodeId other : peer.links.keySet()) {
            InMemoryPeerLinks o = network.node(other);
            if (o != null && !other.equals(selfId())) {
                if (heard.add(other)) {
                    emit(new LinkEvent.PeerHeard(other, o.name(), o.address()));
                }
                network.link(this, o);
            }
        }
    }

    void unlink(NodeId peer, String reason) {
        Link link = links.remove(peer);
        if (link != null) {
            link.worker.dispose();
            emit(new LinkEvent.PeerDown(peer, reason));
        }
    }

    @Override
    public Flux<LinkEvent> events() {
        return events.asFlux();
    }

    @Override
    public Set<NodeId> connected() {
        return Set.copyOf(links.keySet());
    }

    @Override
    public boolean reaching() {
        return false; // links in memory come up at once, or not at all
    }

    @Override
    public void partingWords(String words) {
        partingWords = PartingWords.check(words);
    }

    String partingWords() {
        return partingWords;
    }

    @Override
    public Mono<Void> close() {
        return Mono.fromRunnable(() -> {
            started = false;
            network.stopped(this);
            for (NodeId peer : links.keySet()) {
                unlink(peer, "node shutting down");
            }
            synchronized (events) {
                events.tryEmitComplete();
            }
        });
    }

    private void emit(LinkEvent e) {
        synchronized (events) {
            events.tryEmitNext(e);
        }
    }

}

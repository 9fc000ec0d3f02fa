package peerchat.engine.net;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import peerchat.engine.identity.Identity;
import peerchat.store.event.NodeId;

/**
 * A network in memory for tests of what sits above the links (the node, the UIs): nodes join it
 * and get a {@link PeerLinks} that behaves like the TCP one (the same contract test runs against
 * both) without sockets or timing. Faults: {@link #cut} a pair's link (messages in flight are
 * lost, both sides see PeerDown) and {@link #heal} it (resent from the journals).
 */
public final class InMemoryNetwork {
    private final Map<InetSocketAddress, InMemoryPeerLinks> byAddress = new ConcurrentHashMap<>();
    private final Map<NodeId, InMemoryPeerLinks> byId = new ConcurrentHashMap<>();
    private final Set<Set<NodeId>> cut = ConcurrentHashMap.newKeySet();
    private final AtomicInteger hosts = new AtomicInteger();
    private final Clock clock;

    public InMemoryNetwork(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Clock clock() {
        return clock;
    }

    /** A node's links on this network, with a made-up address that is never bound. */
    public InMemoryPeerLinks join(Identity identity, LinkJournal journal, String name) {
        int n = hosts.incrementAndGet();
        InetSocketAddress address = InetSocketAddress.createUnresolved("mem-" + n, 7117);
        return new InMemoryPeerLinks(this, identity, journal, name, address);
    }

    /** Breaks the link between {@code a} and {@code b} until {@link #heal}; they cannot reconnect meanwhile. */
    public void cut(NodeId a, NodeId b) {
        cut.add(Set.of(a, b));
        InMemoryPeerLinks x = byId.get(a);
        InMemoryPeerLinks y = byId.get(b);
        if (x != null && y != null) {
            x.unlink(b, "link cut");
            y.unlink(a, "link cut");
        }
    }

    /** Lets {@code a} and {@code b} talk again; they relink at once if either had dialed the other. */
    public void heal(NodeId a, NodeId b) {
        cut.remove(Set.of(a, b));
        InMemoryPeerLinks x = byId.get(a);
        InMemoryPeerLinks y = byId.get(b);
        if (x != null && y != null && (x.wants(b) || y.wants(a))) {
            link(x, y);
        }
    }

    void started(InMemoryPeerLinks links) {
        byAddress.put(links.address(), links);
        byId.put(links.selfId(), links);
    }

    void stopped(InMemoryPeerLinks links) {
        byAddress.remove(links.address(), links);
        byId.remove(links.selfId(), links);
        for (InMemoryPeerLinks other : byId.values()) {
            other.unlink(links.selfId(), PartingWords.reason(links.partingWords()));
        }
    }

    InMemoryPeerLinks at(InetSocketAddress address) {
        return byAddress.get(address);
    }

    InMemoryPeerLinks node(NodeId id) {
        return byId.get(id);
    }

    /** Links two started nodes both ways (idempotent), unless the pair is cut. */
    void link(InMemoryPeerLinks a, InMemoryPeerLinks b) {
        Objects.requireNonNull(a);
        Objects.requireNonNull(b);
        if (a == b || cut.contains(Set.of(a.selfId(), b.selfId()))) {
            return;
        }
        boolean fresh;
        synchronized (this) {
            fresh = a.addLink(b) | b.addLink(a);
        }
        if (fresh) {
            a.linkedTo(b);
            b.linkedTo(a);
        }
    }
}

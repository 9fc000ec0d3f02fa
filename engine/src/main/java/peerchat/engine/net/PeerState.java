package peerchat.engine.net;

import java.net.InetSocketAddress;
import java.util.function.Supplier;
import peerchat.store.event.NodeId;

/** What this node knows of one peer, across the connections it comes and goes on. */
final class PeerState {
    final NodeId id;
    final DialState dial;
    /** The established connection, or null: at most one at a time. Guarded by {@code this}. */
    private LinkSession session;
    private volatile String name = "";
    private volatile InetSocketAddress address;
    private volatile byte[] publicKey;
    private SeqTracker tracker;
    private long ackedUpTo = -1;

    /** Since when (the links' monotonic millis) no link leads to this peer. Guarded by {@code this}. */
    private long unlinkedSince;

    PeerState(NodeId id, DialState dial, long now) {
        this.id = id;
        this.dial = dial;
        this.unlinkedSince = now;
    }

    synchronized LinkSession session() {
        return session;
    }

    synchronized void session(LinkSession s) {
        session = s;
    }

    /** The link went at {@code now}. */
    synchronized void unlinked(long now) {
        session = null;
        unlinkedSince = now;
    }

    /** How long, at {@code now}, no link has led to this peer; 0 while one does. */
    synchronized long unlinkedFor(long now) {
        return session != null ? 0 : now - unlinkedSince;
    }

    /**
     * Why the last link went, while presence waits to see whether another link takes its place
     * (null: nothing pending). Guarded by {@code this}, as is {@link #downGeneration}.
     */
    private String pendingDown;
    private long downGeneration;

    /** The link went: a PeerDown is due unless a link comes back first. Returns its generation. */
    synchronized long downPending(String reason) {
        pendingDown = reason;
        return ++downGeneration;
    }

    /** The reason of the pending PeerDown of that generation, taking it; null if none is due any more. */
    synchronized String takeDown(long generation) {
        if (session != null || generation != downGeneration || pendingDown == null) {
            return null;
        }
        String reason = pendingDown;
        pendingDown = null;
        return reason;
    }

    /** A link came back: true if it replaces one whose PeerDown was never reported. */
    synchronized boolean cancelDown() {
        boolean was = pendingDown != null;
        pendingDown = null;
        return was;
    }

    String name() {
        return name;
    }

    InetSocketAddress address() {
        return address;
    }

    byte[] publicKey() {
        return publicKey;
    }

    void heard(String n, InetSocketAddress a) {
        name = n;
        address = a;
    }

    void publicKey(byte[] key) {
        publicKey = key;
    }

    /** Seeded from the journal the first time this peer connects: the log is the truth after a restart. */
    synchronized SeqTracker tracker(Supplier<ReceivedSeqs> fromJournal) {
        if (tracker == null) {
            tracker = new SeqTracker(fromJournal.get());
        }
        return tracker;
    }

    /** Raises the acked mark; true if it moved (only then is the journal told). */
    synchronized boolean ack(long upTo, java.util.function.LongSupplier fromJournal) {
        if (ackedUpTo < 0) {
            ackedUpTo = fromJournal.getAsLong();
        }
        if (upTo <= ackedUpTo) {
            return false;
        }
        ackedUpTo = upTo;
        return true;
    }
}

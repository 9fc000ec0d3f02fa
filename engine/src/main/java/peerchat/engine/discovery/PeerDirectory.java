package peerchat.engine.discovery;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import peerchat.store.event.NodeId;

/**
 * Which addresses the node should dial, and when. Merges the three ways of hearing of a peer —
 * {@code --peer} seeds, beacon sightings and gossip from connected peers — into one list of
 * addresses, each with its own backoff. No I/O, no threads: time from the injected clock, jitter
 * from the injected random, so every schedule is tested exactly.
 *
 * <p>The node's loop: {@link #due()} gives the addresses to dial now (each is then "dialing");
 * report each outcome with {@link #linkUp} or {@link #dialFailed}; report a link that drops with
 * {@link #linkDown}; wake up again after {@link #untilNextDue()}. Thread-safe (every method is
 * synchronized), but meant to be driven from one place.
 */
public final class PeerDirectory {
    private final NodeId self;
    private final DialPolicy policy;
    private final Clock clock;
    private final RandomGenerator random;
    private final Map<InetSocketAddress, Entry> entries = new LinkedHashMap<>();
    private final Set<NodeId> connected = new HashSet<>();
    private final Set<InetSocketAddress> ownAddresses = new HashSet<>();

    public PeerDirectory(NodeId self, DialPolicy policy, Clock clock, RandomGenerator random) {
        this.self = Objects.requireNonNull(self, "self");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A {@code --peer} address: dialed at once, retried for ever, never forgotten. */
    public synchronized void addSeed(InetSocketAddress address) {
        Entry entry = entryFor(address, true);
        if (entry != null) {
            entry.seed = true;
        }
    }

    /**
     * A peer heard on the LAN. A sighting proves the peer is up right now, so an address waiting
     * out its backoff becomes due at once (beacons repeat only once per dedup window, so this
     * cannot turn into a dial storm); its failure count stays, so later waits keep growing.
     */
    public synchronized void addSighting(Sighting sighting) {
        Entry entry = learn(sighting.id(), sighting.listenAddress());
        if (entry != null && entry.state == State.WAITING) {
            entry.notBefore = clock.instant();
        }
    }

    /** A peer a connected node told us about: dialed if new, otherwise changes nothing. */
    public synchronized void addGossip(NodeId id, InetSocketAddress address) {
        learn(id, address);
    }

    /** The addresses to dial now; each is marked dialing until its outcome is reported (or times out). */
    public synchronized List<InetSocketAddress> due() {
        Instant now = clock.instant();
        expireDials(now);
        List<InetSocketAddress> due = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.state == State.WAITING && !now.isBefore(entry.notBefore) && !isConnected(entry)) {
                entry.state = State.DIALING;
                entry.dialStarted = now;
                due.add(entry.address);
            }
        }
        return due;
    }

    /**
     * How long until {@link #due()} may return something (zero: now), or empty when nothing is
     * waiting at all (everything connected, or nothing known): wake up on the next input then.
     */
    public synchronized Optional<Duration> untilNextDue() {
        Instant now = clock.instant();
        Instant next = null;
        for (Entry entry : entries.values()) {
            Instant at = null;
            if (entry.state == State.DIALING) {
                at = entry.dialStarted.plus(policy.dialTimeout());
            } else if (entry.state == State.WAITING && !isConnected(entry)) {
                at = entry.notBefore;
            }
            if (at != null && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        if (next == null) {
            return Optional.empty();
        }
        return Optional.of(next.isAfter(now) ? Duration.between(now, next) : Duration.ZERO);
    }

    /** A dial to this address failed: wait longer each time; drop a non-seed after too many. */
    public synchronized void dialFailed(InetSocketAddress address) {
        Entry entry = entries.get(address);
        if (entry != null && entry.state == State.DIALING) {
            fail(entry, clock.instant());
        }
    }

    /**
     * A link to {@code id} is up, dialed by us at {@code address} or accepted from it (then the
     * address the peer advertised). Its addresses are not dialed while the link lasts. A link
     * that turns out to be to this node itself marks the address as ours: it is never dialed again.
     */
    public synchronized void linkUp(NodeId id, InetSocketAddress address) {
        if (id.equals(self)) {
            ownAddresses.add(address);
            entries.remove(address);
            return;
        }
        connected.add(id);
        Entry entry = learn(id, address);
        if (entry != null) {
            entry.state = State.CONNECTED;
            entry.failures = 0;
        }
    }

    /** The link to {@code id} is gone: dial it again after a short, jittered pause. */
    public synchronized void linkDown(NodeId id) {
        connected.remove(id);
        Instant now = clock.instant();
        for (Entry entry : entries.values()) {
            if (id.equals(entry.id) && entry.state == State.CONNECTED) {
                entry.state = State.WAITING;
                entry.notBefore = now.plus(policy.backoff(1, random));
            }
        }
    }

    /** Every peer whose address is known (what a handshake gossips), this node excluded. */
    public synchronized Map<NodeId, InetSocketAddress> knownPeers() {
        Map<NodeId, InetSocketAddress> known = new LinkedHashMap<>();
        for (Entry entry : entries.values()) {
            if (entry.id != null) {
                known.put(entry.id, entry.address);
            }
        }
        return known;
    }

    /**
     * Records that {@code id} listens at {@code address}. A peer seen at a new address has moved:
     * its old addresses that were only heard of are dropped (seeds stay).
     */
    private Entry learn(NodeId id, InetSocketAddress address) {
        if (id.equals(self)) {
            return null;
        }
        entries.values().removeIf(other -> id.equals(other.id) && !other.seed && !other.address.equals(address)
                && other.state != State.CONNECTED);
        Entry entry = entryFor(address, false);
        if (entry != null) {
            entry.id = id;
        }
        return entry;
    }

    private Entry entryFor(InetSocketAddress address, boolean seed) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved() || address.getAddress().isAnyLocalAddress() || address.getPort() == 0
                || ownAddresses.contains(address)) {
            return null;
        }
        Entry entry = entries.get(address);
        if (entry == null) {
            if (entries.size() >= policy.maxEntries() && !seed) {
                return null;
            }
            entry = new Entry(address, clock.instant());
            entries.put(address, entry);
        }
        return entry;
    }

    private void expireDials(Instant now) {
        // A copy: a failure may drop the entry.
        for (Entry entry : new ArrayList<>(entries.values())) {
            if (entry.state == State.DIALING && !now.isBefore(entry.dialStarted.plus(policy.dialTimeout()))) {
                fail(entry, now);
            }
        }
    }

    private void fail(Entry entry, Instant now) {
        entry.failures++;
        if (!entry.seed && entry.failures >= policy.forgetAfterFailures()) {
            entries.remove(entry.address);
            return;
        }
        entry.state = State.WAITING;
        entry.notBefore = now.plus(policy.backoff(entry.failures, random));
    }

    private boolean isConnected(Entry entry) {
        return entry.id != null && connected.contains(entry.id);
    }

    private enum State { WAITING, DIALING, CONNECTED }

    /** Mutable bookkeeping for one address; never leaves this class. */
    private static final class Entry {
        final InetSocketAddress address;
        NodeId id;
        boolean seed;
        State state = State.WAITING;
        Instant notBefore;
        Instant dialStarted;
        int failures;

        Entry(InetSocketAddress address, Instant now) {
            this.address = address;
            this.notBefore = now;
        }
    }
}

package peerchat.engine.causal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import peerchat.store.event.Dependency;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;

/**
 * Kshemkalyani–Singhal optimal causal ordering (Algorithm 6.3; see CAUSAL.md) for one process, as
 * a pure deterministic state machine: no threads, clocks or I/O. The same sequence of
 * {@link #send}/{@link #replaySend} and {@link #receive} calls always yields the same outputs and
 * the same {@link #snapshot()}, which is how a restarted node rebuilds it from its log.
 *
 * <p>Not thread-safe: one thread (or one lock) must own a core. {@code P} is the payload, carried
 * through untouched.
 */
public final class CausalCore<P> {
    /** Default bound on messages buffered per sender before its link should pause. */
    public static final int DEFAULT_MAX_BUFFERED_PER_SENDER = 1024;

    private static final Comparator<MessageId> BY_ID =
            Comparator.comparing(MessageId::sender).thenComparingLong(MessageId::seq);

    private final NodeId self;
    private final int selfNumber;
    private final int maxBufferedPerSender;
    private final Fault fault;
    private final NodeIndex nodes = new NodeIndex();

    private long clock;
    /** SR, by process number; grows as processes appear. */
    private long[] delivered = new long[8];
    /** LOG, by sender number: timestamp to D. Null or empty when the sender has no entry. */
    private final List<TreeMap<Long, Entry>> log = new ArrayList<>();

    private final Map<MessageId, Waiting<P>> buffered = new HashMap<>();
    private int[] bufferedPerSender = new int[8];
    /** Buffered messages, by the sender of the dependency each one waits for first. */
    private final List<List<Waiting<P>>> waitingOn = new ArrayList<>();

    public CausalCore(NodeId self) {
        this(self, DEFAULT_MAX_BUFFERED_PER_SENDER);
    }

    public CausalCore(NodeId self, int maxBufferedPerSender) {
        this(self, maxBufferedPerSender, Fault.NONE);
    }

    CausalCore(NodeId self, int maxBufferedPerSender, Fault fault) {
        this.self = Objects.requireNonNull(self, "self");
        if (maxBufferedPerSender < 1) {
            throw new IllegalArgumentException("maxBufferedPerSender must be at least 1: " + maxBufferedPerSender);
        }
        this.maxBufferedPerSender = maxBufferedPerSender;
        this.fault = fault;
        this.selfNumber = number(self);
    }

    public NodeId self() {
        return self;
    }

    /** How many messages this process has sent (the timestamp of its newest one). */
    public long clock() {
        return clock;
    }

    /**
     * Sends a new message to {@code dests} (never including this process, which delivers its own
     * message to itself now, by returning). Atomic: the state changes only if it returns.
     */
    public Outgoing<P> send(Set<NodeId> dests, P payload) {
        checkDests(dests);
        return doSend(dests, payload);
    }

    /**
     * Re-applies a send recorded in the log (restart): the regenerated message gets exactly the
     * recorded id. One that goes back (a timestamp already used) is refused: the log and this core
     * disagree and continuing would reuse timestamps. One further on than the next numbers on from
     * it: timestamps in between were skipped ({@link #skipAhead}) or their sends could not be read
     * from the log, and are never used again. The caller may also compare the returned metadata with
     * the recorded one.
     */
    public Outgoing<P> replaySend(MessageId recorded, Set<NodeId> dests, P payload) {
        if (!recorded.sender().equals(self)) {
            throw new IllegalStateException("replayed send " + recorded + " was not sent by " + self);
        }
        if (recorded.seq() <= clock) {
            throw new IllegalStateException("replayed send " + recorded + " does not follow clock " + clock
                    + ": the log is out of order");
        }
        checkDests(dests);
        clock = recorded.seq() - 1;
        return doSend(dests, payload);
    }

    /**
     * Numbers this process's next message {@code by} further on than it would: messages of its own
     * that its log lost (restored from a backup, cut short) are held by others under the
     * timestamps it would give next, and would be taken there for those and dropped. Nothing else
     * changes: the lost sends' entries are gone with them.
     */
    public void skipAhead(long by) {
        if (by < 0) {
            throw new IllegalArgumentException("cannot skip back: " + by);
        }
        clock += by;
    }

    private void checkDests(Set<NodeId> dests) {
        Objects.requireNonNull(dests, "dests");
        if (dests.contains(self)) {
            throw new IllegalArgumentException("a process never sends to itself: " + self);
        }
    }

    private Outgoing<P> doSend(Set<NodeId> dests, P payload) {
        clock++;
        NodeId[] destIds = dests.toArray(NodeId[]::new);
        Arrays.sort(destIds);
        int[] destNumbers = new int[destIds.length];
        BitSet destBits = new BitSet();
        for (int i = 0; i < destIds.length; i++) {
            destNumbers[i] = number(destIds[i]);
            destBits.set(destNumbers[i]);
        }

        List<List<Dependency>> copies = new ArrayList<>(destIds.length);
        for (int i = 0; i < destIds.length; i++) {
            copies.add(new ArrayList<>());
        }
        // Step 2: per destination d, each entry loses Dests, but keeps d if it had d. Entries not
        // naming d are identical for every d: build that common form once and share it.
        for (int sender : nodes.inIdOrder()) {
            TreeMap<Long, Entry> entries = entriesOf(sender);
            if (entries == null) {
                continue;
            }
            long newest = entries.lastKey();
            for (Map.Entry<Long, Entry> e : entries.entrySet()) {
                Entry entry = e.getValue();
                long t = e.getKey();
                if (!entry.d.intersects(destBits)) {
                    // Untouched by this send: every copy carries the entry as LOG has it.
                    if (!entry.d.isEmpty() || t == newest) {
                        Dependency same = frozen(sender, t, entry);
                        for (List<Dependency> copy : copies) {
                            copy.add(same);
                        }
                    }
                    continue;
                }
                BitSet rest = (BitSet) entry.d.clone();
                rest.andNot(destBits);
                Dependency common = rest.isEmpty() && t != newest ? null : dependency(sender, t, rest);
                for (int i = 0; i < destNumbers.length; i++) {
                    if (entry.d.get(destNumbers[i])) {
                        BitSet withD = (BitSet) rest.clone();
                        withD.set(destNumbers[i]);
                        copies.get(i).add(dependency(sender, t, withD));
                    } else if (common != null) {
                        copies.get(i).add(common);
                    }
                }
            }
        }
        Map<NodeId, List<Dependency>> meta = new HashMap<>(destIds.length * 2);
        for (int i = 0; i < destIds.length; i++) {
            meta.put(destIds[i], List.copyOf(copies.get(i)));
        }

        // Steps 3-4: Dests is now known to be covered by this message.
        for (int sender = 0; sender < log.size(); sender++) {
            TreeMap<Long, Entry> entries = entriesOf(sender);
            if (entries != null) {
                for (Entry entry : entries.values()) {
                    if (entry.d.intersects(destBits)) {
                        entry.d.andNot(destBits);
                        entry.frozen = null;
                    }
                }
                purge(entries);
            }
        }
        TreeMap<Long, Entry> own = entriesFor(selfNumber);
        own.put(clock, new Entry(destBits));
        purge(own);
        return new Outgoing<>(new MessageId(self, clock), dests, meta, payload);
    }

    /**
     * Receives one copy of a message sent to this process. Never throws for anything a peer can
     * send: unknown senders are simply processes with nothing delivered yet, and bad metadata is
     * {@link ReceiveResult.Status#REJECTED rejected} with the sender named.
     */
    public ReceiveResult<P> receive(Incoming<P> message) {
        Objects.requireNonNull(message, "message");
        NodeId sender = message.sender();
        Optional<String> problem = IncomingCheck.problem(message, self, clock);
        if (problem.isPresent()) {
            return new ReceiveResult<>(ReceiveResult.Status.REJECTED, List.of(),
                    Optional.of(new Rejection(sender, message.id(), problem.get())), false, Set.of());
        }
        int k = number(sender);
        if (fault != Fault.NO_DUPLICATE_CHECK
                && (message.id().seq() <= delivered[k] || buffered.containsKey(message.id()))) {
            return new ReceiveResult<>(ReceiveResult.Status.DUPLICATE, List.of(), Optional.empty(),
                    bufferedPerSender[k] >= maxBufferedPerSender, Set.of());
        }

        Waiting<P> arrived = parse(message, k);
        Set<Integer> wereFull = new HashSet<>();
        for (int s = 0; s < bufferedPerSender.length; s++) {
            if (bufferedPerSender[s] >= maxBufferedPerSender) {
                wereFull.add(s);
            }
        }
        List<Incoming<P>> out = new ArrayList<>();
        ReceiveResult.Status status;
        if (advance(arrived)) {
            status = ReceiveResult.Status.DELIVERED;
            deliverFrom(arrived, out);
        } else {
            status = ReceiveResult.Status.BUFFERED;
            buffered.put(message.id(), arrived);
            bufferedPerSender[k]++;
            waitingList(arrived.requiredSenders[arrived.next]).add(arrived);
        }
        Set<NodeId> resumable = new LinkedHashSet<>();
        for (int s : wereFull) {
            if (bufferedPerSender[s] < maxBufferedPerSender) {
                resumable.add(nodes.id(s));
            }
        }
        return new ReceiveResult<>(status, out, Optional.empty(),
                bufferedPerSender[k] >= maxBufferedPerSender, resumable);
    }

    private Waiting<P> parse(Incoming<P> message, int k) {
        List<Dependency> meta = message.meta();
        int[] depSenders = new int[meta.size()];
        long[] depTimes = new long[meta.size()];
        BitSet[] depDests = new BitSet[meta.size()];
        int required = 0;
        int[] reqSenders = new int[meta.size()];
        long[] reqTimes = new long[meta.size()];
        for (int i = 0; i < meta.size(); i++) {
            Dependency d = meta.get(i);
            depSenders[i] = number(d.sender());
            depTimes[i] = d.t();
            depDests[i] = bits(d.destinations());
            if (d.destinations().contains(self)) {
                reqSenders[required] = depSenders[i];
                reqTimes[required] = d.t();
                required++;
            }
        }
        return new Waiting<>(message, k, bits(message.dests()), depSenders, depTimes, depDests,
                Arrays.copyOf(reqSenders, required), Arrays.copyOf(reqTimes, required));
    }

    /** Moves past the requirements now met (SR only grows); true when none is left. */
    private boolean advance(Waiting<P> w) {
        if (fault == Fault.SKIP_DELIVERY_CONDITION) {
            return true;
        }
        while (w.next < w.requiredSenders.length && delivered[w.requiredSenders[w.next]] >= w.requiredTimes[w.next]) {
            w.next++;
        }
        return w.next == w.requiredSenders.length;
    }

    private void deliverFrom(Waiting<P> first, List<Incoming<P>> out) {
        ArrayDeque<Waiting<P>> ready = new ArrayDeque<>();
        ready.add(first);
        while (!ready.isEmpty()) {
            Waiting<P> w = ready.poll();
            deliver(w);
            out.add(w.message);
            List<Waiting<P>> recheck = waitingList(w.sender);
            if (recheck.isEmpty()) {
                continue;
            }
            waitingOn.set(w.sender, new ArrayList<>());
            for (Waiting<P> x : recheck) {
                if (advance(x)) {
                    buffered.remove(x.message.id());
                    bufferedPerSender[x.sender]--;
                    ready.add(x);
                } else {
                    waitingList(x.requiredSenders[x.next]).add(x);
                }
            }
        }
    }

    /** Receive steps 2-5 for a deliverable message. */
    private void deliver(Waiting<P> w) {
        long t = w.message.id().seq();
        delivered[w.sender] = t;

        // O plus the message itself, without this process in any D, in order of sender then
        // timestamp (a pair occurs once: IncomingCheck refuses repeats): each sender's run is
        // that sender's part of O, merged into LOG's. Arrays and a sort of a few indices, not a
        // map of maps, since this runs for every delivery.
        int n = w.depSenders.length + 1;
        int[] senders = Arrays.copyOf(w.depSenders, n);
        long[] times = Arrays.copyOf(w.depTimes, n);
        BitSet[] ds = Arrays.copyOf(w.depDests, n);
        senders[n - 1] = w.sender;
        times[n - 1] = t;
        ds[n - 1] = w.dests;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            int j = i;
            while (j > 0 && (senders[order[j - 1]] > senders[i]
                    || senders[order[j - 1]] == senders[i] && times[order[j - 1]] > times[i])) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        long[] runTimes = new long[n];
        Entry[] runEntries = new Entry[n];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (fault != Fault.KEEP_RECEIVER_IN_DESTS) {
                ds[i].clear(selfNumber);
            }
            runTimes[k] = times[i];
            runEntries[k] = new Entry(ds[i]);
        }
        for (int from = 0; from < n; ) {
            int sender = senders[order[from]];
            int to = from + 1;
            while (to < n && senders[order[to]] == sender) {
                to++;
            }
            TreeMap<Long, Entry> local = entriesFor(sender);
            merge(local, runTimes, runEntries, from, to);
            purge(local);
            from = to;
        }
    }

    /**
     * Merges the sender's view of one process's messages, {@code times[from..to)} ascending with
     * their {@code entries}, into {@code local}: an entry older than the other side's newest and
     * missing there was resolved there; an entry on both sides keeps the intersection. All
     * decisions are taken on the sides as they were.
     */
    private static void merge(TreeMap<Long, Entry> local, long[] times, Entry[] entries, int from, int to) {
        if (local.isEmpty()) {
            for (int i = from; i < to; i++) {
                local.put(times[i], entries[i]);
            }
            return;
        }
        long newestLocal = local.lastKey();
        long newestTheirs = times[to - 1];
        for (Iterator<Map.Entry<Long, Entry>> it = local.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Entry> e = it.next();
            int other = Arrays.binarySearch(times, from, to, e.getKey());
            if (other >= 0) {
                e.getValue().d.and(entries[other].d);
                e.getValue().frozen = null;
            } else if (e.getKey() < newestTheirs) {
                it.remove();
            }
        }
        // Newer than everything LOG had, so not in it (taken after the pass above, as before it).
        for (int i = from; i < to; i++) {
            if (times[i] > newestLocal) {
                local.put(times[i], entries[i]);
            }
        }
    }

    /** Drops the entries with empty D except the sender's newest. */
    private static void purge(TreeMap<Long, Entry> entries) {
        if (entries.size() < 2) {
            return;
        }
        long newest = entries.lastKey();
        entries.entrySet().removeIf(e -> e.getKey() != newest && e.getValue().d.isEmpty());
    }

    /**
     * Whether {@code message} would be delivered at once if received now; changes nothing. A link
     * whose sender is paused may still pass on copies for which this is true: they take no buffer
     * space, and if its frames can arrive out of the sender's order (a {@code -delay}ed message,
     * retransmission) the copy that everything else waits for is always one of them, so pausing
     * never deadlocks.
     */
    public boolean deliverableNow(Incoming<P> message) {
        if (IncomingCheck.problem(message, self, clock).isPresent()) {
            return false;
        }
        int k = nodes.find(message.sender());
        if (k >= 0 && (message.id().seq() <= delivered[k] || buffered.containsKey(message.id()))) {
            return false;
        }
        for (Dependency d : message.meta()) {
            if (d.destinations().contains(self)) {
                int s = nodes.find(d.sender());
                if (s < 0 || delivered[s] < d.t()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** How many messages from {@code sender} wait in the buffer. */
    public int bufferedFrom(NodeId sender) {
        int s = nodes.find(sender);
        return s < 0 ? 0 : bufferedPerSender[s];
    }

    /** True while {@code sender}'s buffer is at its bound: its link should read nothing more. */
    public boolean shouldPause(NodeId sender) {
        return bufferedFrom(sender) >= maxBufferedPerSender;
    }

    public int maxBufferedPerSender() {
        return maxBufferedPerSender;
    }

    /** The messages waiting for their dependencies, ordered by sender then seq. */
    public List<Incoming<P>> bufferedMessages() {
        List<Incoming<P>> out = new ArrayList<>();
        buffered.keySet().stream().sorted(BY_ID).forEach(id -> out.add(buffered.get(id).message));
        return out;
    }

    /**
     * The buffer summarised for people: per sender, and per process at the root of what they
     * wait for, how many and up to which timestamp; ordered by sender, then awaited process. A
     * message counts once, under the first requirement it still lacks, followed through messages
     * that are themselves buffered here (a reply waiting for its sender's earlier message, which
     * waits for a third process, waits for that process).
     */
    public List<Hold> holds() {
        // key: sender and awaited process numbers; value: how many, and the newest timestamp awaited
        Map<Long, long[]> byPair = new HashMap<>();
        for (Waiting<P> w : buffered.values()) {
            Waiting<P> root = w;
            for (int hops = 0; hops < buffered.size(); hops++) {
                Waiting<P> before = buffered.get(new MessageId(nodes.id(root.requiredSenders[root.next]), root.requiredTimes[root.next]));
                if (before == null) {
                    break;
                }
                root = before;
            }
            long[] pair = byPair.computeIfAbsent((long) w.sender << 32 | root.requiredSenders[root.next], k -> new long[2]);
            pair[0]++;
            pair[1] = Math.max(pair[1], root.requiredTimes[root.next]);
        }
        List<Hold> out = new ArrayList<>();
        byPair.forEach((key, pair) -> {
            int awaited = (int) (long) key;
            out.add(new Hold(nodes.id((int) (key >>> 32)), (int) pair[0], nodes.id(awaited), pair[1], delivered[awaited]));
        });
        out.sort(Comparator.comparing(Hold::from).thenComparing(Hold::awaiting));
        return out;
    }

    public CausalSnapshot snapshot() {
        TreeMap<NodeId, Long> sr = new TreeMap<>();
        for (int s = 0; s < nodes.size(); s++) {
            if (delivered[s] > 0) {
                sr.put(nodes.id(s), delivered[s]);
            }
        }
        List<Dependency> entries = new ArrayList<>();
        for (int sender : nodes.inIdOrder()) {
            TreeMap<Long, Entry> mine = entriesOf(sender);
            if (mine != null) {
                mine.forEach((t, entry) -> entries.add(frozen(sender, t, entry)));
            }
        }
        return new CausalSnapshot(self, clock, sr, entries, buffered.keySet().stream().sorted(BY_ID).toList());
    }

    private int number(NodeId id) {
        int n = nodes.intern(id);
        if (n >= delivered.length) {
            int size = Math.max(n + 1, delivered.length * 2);
            delivered = Arrays.copyOf(delivered, size);
            bufferedPerSender = Arrays.copyOf(bufferedPerSender, size);
        }
        return n;
    }

    private BitSet bits(Set<NodeId> ids) {
        BitSet b = new BitSet();
        for (NodeId id : ids) {
            b.set(number(id));
        }
        return b;
    }

    private Dependency dependency(int sender, long t, BitSet d) {
        NodeId[] ids = new NodeId[d.cardinality()];
        int i = 0;
        for (int b = d.nextSetBit(0); b >= 0; b = d.nextSetBit(b + 1)) {
            ids[i++] = nodes.id(b);
        }
        return new Dependency(nodes.id(sender), t, Set.of(ids));
    }

    /** The immutable form of a LOG entry, made once and kept until the entry changes. */
    private Dependency frozen(int sender, long t, Entry entry) {
        if (entry.frozen == null) {
            entry.frozen = dependency(sender, t, entry.d);
        }
        return entry.frozen;
    }

    private TreeMap<Long, Entry> entriesOf(int sender) {
        if (sender >= log.size()) {
            return null;
        }
        TreeMap<Long, Entry> entries = log.get(sender);
        return entries == null || entries.isEmpty() ? null : entries;
    }

    private TreeMap<Long, Entry> entriesFor(int sender) {
        while (log.size() <= sender) {
            log.add(null);
        }
        TreeMap<Long, Entry> entries = log.get(sender);
        if (entries == null) {
            entries = new TreeMap<>();
            log.set(sender, entries);
        }
        return entries;
    }

    private List<Waiting<P>> waitingList(int sender) {
        while (waitingOn.size() <= sender) {
            waitingOn.add(new ArrayList<>());
        }
        return waitingOn.get(sender);
    }

    /** A LOG entry: D, mutable, and its immutable form while D is unchanged. */
    private static final class Entry {
        final BitSet d;
        Dependency frozen;

        Entry(BitSet d) {
            this.d = d;
        }
    }

    /** A received message and its metadata in working form, while it waits or is delivered. */
    private static final class Waiting<P> {
        final Incoming<P> message;
        final int sender;
        final BitSet dests;
        final int[] depSenders;
        final long[] depTimes;
        final BitSet[] depDests;
        /** The entries naming this process: SR[requiredSenders[i]] >= requiredTimes[i] is needed. */
        final int[] requiredSenders;
        final long[] requiredTimes;
        /** Requirements before this one are met. */
        int next;

        Waiting(Incoming<P> message, int sender, BitSet dests, int[] depSenders, long[] depTimes,
                BitSet[] depDests, int[] requiredSenders, long[] requiredTimes) {
            this.message = message;
            this.sender = sender;
            this.dests = dests;
            this.depSenders = depSenders;
            this.depTimes = depTimes;
            this.depDests = depDests;
            this.requiredSenders = requiredSenders;
            this.requiredTimes = requiredTimes;
        }
    }
}

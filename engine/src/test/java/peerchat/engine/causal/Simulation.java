package peerchat.engine.causal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import peerchat.store.event.Dependency;
import peerchat.store.event.Event;
import peerchat.store.event.NodeId;
import peerchat.store.event.Payload;
import peerchat.store.event.Target;

/**
 * A deterministic simulation of N processes running {@link CausalCore}s over faulty channels,
 * every decision taken from {@link Choices}. Channels reorder and delay (any copy in flight may
 * arrive next), duplicate (a copy arrives and stays in flight), and drop (the copy is lost and the
 * sender retransmits it later). With {@code fifoLinks} each link instead hands copies over in
 * order, as a TCP link does, and honours the core's request to pause a sender whose buffer is full.
 * Processes join midway and restart by replaying their recorded inputs (as store events) into a
 * fresh core. The {@link Oracle} judges every delivery; the KS invariants are checked after every
 * step; at the end every message must have reached every destination and every buffer be empty.
 */
final class Simulation {
    record Config(int processes, int joiners, int messages, int sendPercent, int dropPercent, int duplicatePercent,
                  int restartPermille, boolean fifoLinks, int maxBufferedPerSender, Fault fault) {
        static Config of(int processes, int messages) {
            return new Config(processes, 0, messages, 40, 5, 5, 0, false, CausalCore.DEFAULT_MAX_BUFFERED_PER_SENDER,
                    Fault.NONE);
        }

        Config withJoiners(int n) {
            return new Config(processes, n, messages, sendPercent, dropPercent, duplicatePercent, restartPermille,
                    fifoLinks, maxBufferedPerSender, fault);
        }

        Config withRestarts(int permille) {
            return new Config(processes, joiners, messages, sendPercent, dropPercent, duplicatePercent, permille,
                    fifoLinks, maxBufferedPerSender, fault);
        }

        Config withFifoLinks(int bound) {
            return new Config(processes, joiners, messages, sendPercent, dropPercent, duplicatePercent, restartPermille,
                    true, bound, fault);
        }

        /** Reordering channels whose receiving links honour pauses, passing only deliverable copies then. */
        Config withPausingReorderingLinks(int bound) {
            return new Config(processes, joiners, messages, sendPercent, dropPercent, duplicatePercent, restartPermille,
                    false, bound, fault);
        }

        boolean honoursPause() {
            return fifoLinks || maxBufferedPerSender < CausalCore.DEFAULT_MAX_BUFFERED_PER_SENDER;
        }

        Config withSendPercent(int percent) {
            return new Config(processes, joiners, messages, percent, dropPercent, duplicatePercent, restartPermille,
                    fifoLinks, maxBufferedPerSender, fault);
        }

        Config with(Fault f) {
            return new Config(processes, joiners, messages, sendPercent, dropPercent, duplicatePercent, restartPermille,
                    fifoLinks, maxBufferedPerSender, f);
        }
    }

    record Result(long sends, long copies, long deliveries, long duplicates, long restarts, long pauses,
                  long metadataEntries) {
    }

    private record Copy(NodeId from, NodeId to, Incoming<Payload> message) {
    }

    // Not a group target: GroupName's static initialiser fails on the store branch this is built on.
    private static final Payload PAYLOAD = new Payload.Chat(new Target.User(new NodeId("00000000")), "m");
    private static final int JOIN_PERCENT = 2;

    private final Config config;
    private final Choices choices;
    private final Oracle oracle;
    private final List<NodeId> ids = new ArrayList<>();
    private final List<NodeId> active = new ArrayList<>();
    private final Map<NodeId, CausalCore<Payload>> cores = new HashMap<>();
    private final Map<NodeId, List<Event>> recorded = new HashMap<>();
    /** Reordering channels: everything in flight. */
    private final List<Copy> inFlight = new ArrayList<>();
    /** FIFO links: per (from, to), in send order. */
    private final Map<List<NodeId>, ArrayDeque<Copy>> links = new LinkedHashMap<>();
    private long sends;
    private long copies;
    private long duplicates;
    private long restarts;
    private long pauses;
    private long metadataEntries;
    private long clockTick;

    Simulation(Config config, Choices choices) {
        this.config = config;
        this.choices = choices;
        int total = config.processes() + config.joiners();
        this.oracle = new Oracle(total);
        for (int i = 0; i < total; i++) {
            // Ids not in index order, so that id order and arrival order differ.
            ids.add(new NodeId(String.format("%08x%024x", (i * 0x9E3779B1L) & 0xffffffffL, i)));
        }
        for (int i = 0; i < config.processes(); i++) {
            start(ids.get(i));
        }
    }

    static Result run(Config config, long seed) {
        return new Simulation(config, Choices.seeded(seed)).run();
    }

    Result run() {
        while (true) {
            boolean canSend = sends < config.messages();
            if (!canSend && nothingInFlight()) {
                break;
            }
            int action = choices.next(100);
            if (action >= 100 - JOIN_PERCENT && active.size() < ids.size()) {
                start(ids.get(active.size()));
            } else if (choices.next(1000) >= 1000 - config.restartPermille()) {
                restart(active.get(choices.next(active.size())));
            } else if (canSend && (nothingInFlight() || action >= 100 - JOIN_PERCENT - config.sendPercent())) {
                send();
            } else if (!deliverOne()) {
                if (!canSend) {
                    throw new AssertionError("liveness: every link with copies in flight is paused: " + links.keySet());
                }
                send();
            }
        }
        for (NodeId id : active) {
            CausalCore<Payload> core = cores.get(id);
            if (!core.snapshot().buffered().isEmpty()) {
                throw new AssertionError("liveness: at quiescence " + id + " still buffers " + core.snapshot().buffered());
            }
        }
        oracle.assertAllDelivered();
        return new Result(sends, copies, oracle.deliveries(), duplicates, restarts, pauses, metadataEntries);
    }

    private void start(NodeId id) {
        active.add(id);
        cores.put(id, new CausalCore<>(id, config.maxBufferedPerSender(), config.fault()));
        recorded.put(id, new ArrayList<>());
    }

    private void send() {
        NodeId from = active.get(choices.next(active.size()));
        List<NodeId> others = new ArrayList<>(active);
        others.remove(from);
        if (others.isEmpty()) {
            return;
        }
        Set<NodeId> dests = new TreeSet<>();
        switch (choices.next(3)) {
            case 0 -> dests.add(others.get(choices.next(others.size())));
            case 1 -> {
                int size = 1 + choices.next(others.size());
                List<NodeId> pool = new ArrayList<>(others);
                while (dests.size() < size) {
                    dests.add(pool.remove(choices.next(pool.size())));
                }
            }
            default -> dests.addAll(others);
        }
        CausalCore<Payload> core = cores.get(from);
        Outgoing<Payload> out = core.send(dests, PAYLOAD);
        long ts = ++clockTick;
        recorded.get(from).add(new Event.MessageSent(out.id(), dests, out.meta(), Map.of(), PAYLOAD, ts, ts));
        oracle.sent(out.id(), dests);
        sends++;
        for (NodeId d : dests) {
            Copy c = new Copy(from, d, out.copyFor(d));
            metadataEntries += c.message().meta().size();
            copies++;
            if (config.fifoLinks()) {
                links.computeIfAbsent(List.of(from, d), k -> new ArrayDeque<>()).add(c);
            } else {
                inFlight.add(c);
            }
        }
        checkInvariants(from, core);
    }

    /** Hands one copy in flight to its destination; false when every link with copies is paused. */
    private boolean deliverOne() {
        if (config.fifoLinks()) {
            List<ArrayDeque<Copy>> open = new ArrayList<>();
            for (Map.Entry<List<NodeId>, ArrayDeque<Copy>> e : links.entrySet()) {
                NodeId from = e.getKey().get(0);
                NodeId to = e.getKey().get(1);
                if (!e.getValue().isEmpty() && !cores.get(to).shouldPause(from)) {
                    open.add(e.getValue());
                } else if (!e.getValue().isEmpty()) {
                    pauses++;
                }
            }
            if (open.isEmpty()) {
                return false;
            }
            ArrayDeque<Copy> link = open.get(choices.next(open.size()));
            if (fault(config.dropPercent())) {
                return true; // lost: the link resends it from the log, still in order
            }
            Copy c = fault(config.duplicatePercent()) ? link.peek() : link.poll();
            receive(c);
            return true;
        }
        int at = choices.next(inFlight.size());
        Copy c = inFlight.get(at);
        if (config.honoursPause() && heldBack(c)) {
            pauses++;
            List<Integer> eligible = new ArrayList<>();
            for (int i = 0; i < inFlight.size(); i++) {
                if (!heldBack(inFlight.get(i))) {
                    eligible.add(i);
                }
            }
            if (eligible.isEmpty()) {
                return false;
            }
            at = eligible.get(choices.next(eligible.size()));
            c = inFlight.get(at);
        }
        if (fault(config.dropPercent())) {
            inFlight.remove(at);
            inFlight.add(c); // lost; its retransmission arrives at some later point
            return true;
        }
        if (!fault(config.duplicatePercent())) {
            inFlight.set(at, inFlight.get(inFlight.size() - 1));
            inFlight.remove(inFlight.size() - 1);
        }
        receive(c);
        return true;
    }

    /** A paused link passes on only what its core can deliver at once. */
    private boolean heldBack(Copy c) {
        CausalCore<Payload> core = cores.get(c.to());
        return core.shouldPause(c.from()) && !core.deliverableNow(c.message());
    }

    private boolean fault(int percent) {
        return choices.next(100) >= 100 - percent;
    }

    private void receive(Copy c) {
        CausalCore<Payload> core = cores.get(c.to());
        Incoming<Payload> m = c.message();
        long ts = ++clockTick;
        recorded.get(c.to()).add(new Event.MessageReceived(m.id(), m.dests(), m.meta(), 0, m.payload(), ts, ts));
        ReceiveResult<Payload> result = core.receive(m);
        if (result.status() == ReceiveResult.Status.REJECTED) {
            throw new AssertionError("a well-formed copy was rejected: " + result.rejection());
        }
        if (result.status() == ReceiveResult.Status.DUPLICATE) {
            duplicates++;
        }
        for (Incoming<Payload> d : result.delivered()) {
            oracle.delivered(c.to(), d.id());
        }
        if (result.senderShouldPause() != core.bufferedFrom(c.from()) >= config.maxBufferedPerSender()) {
            throw new AssertionError("pause flag disagrees with the buffer of " + c.from());
        }
        if (config.honoursPause() && core.bufferedFrom(c.from()) > config.maxBufferedPerSender()) {
            throw new AssertionError("buffer bound exceeded for " + c.from() + " at " + c.to());
        }
        checkInvariants(c.to(), core);
    }

    /** Replaces the core by one rebuilt from the recorded inputs: it must be the same state. */
    private void restart(NodeId id) {
        CausalSnapshot before = cores.get(id).snapshot();
        CausalCore<Payload> rebuilt = new CausalCore<>(id, config.maxBufferedPerSender(), config.fault());
        for (Event e : recorded.get(id)) {
            if (!CausalReplay.apply(rebuilt, e)) {
                throw new AssertionError("restart of " + id + ": a send came out with other metadata than recorded");
            }
        }
        CausalSnapshot after = rebuilt.snapshot();
        if (!after.equals(before)) {
            throw new AssertionError("restart of " + id + " changed its state:\n before " + before + "\n after  " + after);
        }
        cores.put(id, rebuilt);
        restarts++;
    }

    private boolean nothingInFlight() {
        if (!config.fifoLinks()) {
            return inFlight.isEmpty();
        }
        for (ArrayDeque<Copy> link : links.values()) {
            if (!link.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** CAUSAL.md: no entry of j's LOG names j; each sender has at most one empty-D entry, its newest. */
    static void checkInvariants(NodeId self, CausalCore<?> core) {
        Map<NodeId, Long> newest = new HashMap<>();
        Map<NodeId, Integer> empty = new HashMap<>();
        List<Dependency> log = core.snapshot().log();
        for (Dependency d : log) {
            if (d.destinations().contains(self)) {
                throw new AssertionError("invariant: the LOG of " + self + " names itself: " + d);
            }
            newest.merge(d.sender(), d.t(), Math::max);
            if (d.destinations().isEmpty()) {
                empty.merge(d.sender(), 1, Integer::sum);
            }
        }
        for (Dependency d : log) {
            if (d.destinations().isEmpty() && d.t() != newest.get(d.sender())) {
                throw new AssertionError("invariant: " + self + " keeps an empty entry that is not its sender's newest: " + d);
            }
        }
        empty.forEach((sender, count) -> {
            if (count > 1) {
                throw new AssertionError("invariant: " + self + " has " + count + " empty entries for " + sender);
            }
        });
    }
}

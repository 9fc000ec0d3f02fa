package peerchat.engine.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import peerchat.engine.identity.Identity;
import peerchat.engine.net.WireConstants;
import peerchat.store.Store;
import peerchat.store.event.Event;
import peerchat.store.event.MessageId;
import peerchat.store.event.NodeId;
import peerchat.store.log.LogReader;

/**
 * Which sealed copies ({@link RelayEnvelope}) this node's messages need, and who keeps them: at
 * send, for the destinations it has no link to; when a link goes down, for what that peer has not
 * acknowledged. Decides and seals; {@link Messenger} logs and sends. Any thread (sealing a
 * batch runs off the node thread).
 */
final class SealedCopies {
    private static final Logger LOG = LoggerFactory.getLogger(SealedCopies.class);

    private final Identity identity;
    private final WireCodec codec;
    private final Store store;

    SealedCopies(Identity identity, WireCodec codec, Store store) {
        this.identity = identity;
        this.codec = codec;
        this.store = store;
    }

    /** How many destinations of a message keep sealed copies of it for the ones its sender has no link to. */
    static final int KEEPERS = 2;

    /**
     * Messages travel from their sender only, so a destination this node has no link to gets a
     * message once both are online together, and whatever follows it waits meanwhile. So the
     * first copies to up to {@link #KEEPERS} linked destinations also carry, sealed and signed,
     * the copies of the unlinked ones, which those keep and pass on when they meet them. Best
     * effort: a copy sent again from the log (after its link broke) carries none; the sender
     * still sends its own copies when it meets the destination, which drops the second one.
     * Sealing costs an Ed25519 signature per unlinked destination (0.4 ms here), and only then.
     */
    Custody forSend(Event.MessageSent sent, Set<NodeId> linked) {
        List<NodeId> away = new ArrayList<>();
        for (NodeId d : sent.destinations()) {
            if (!linked.contains(d) && !goneLongAgo(d, sent.ts())) {
                away.add(d);
            }
        }
        if (away.isEmpty()) {
            return Custody.NONE;
        }
        List<NodeId> keepers = keepers(sent.destinations(), linked);
        if (keepers.isEmpty()) {
            return Custody.NOBODY_LINKED;
        }
        away.sort(null);
        List<byte[]> envelopes = new ArrayList<>();
        int size = 0;
        for (NodeId d : away) {
            byte[] envelope = RelayEnvelope.seal(identity, d, sent.linkSeq().get(d), codec.encode(sent, d));
            size += envelope.length + 4;
            if (size > WireConstants.MAX_BODY_BYTES / 2) {
                LOG.debug("{}: sealed copies for {} of {} unlinked destinations only (the rest would not fit a frame)",
                        sent.id(), envelopes.size(), away.size());
                break;
            }
            envelopes.add(envelope);
        }
        return new Custody(Set.copyOf(keepers), envelopes);
    }

    /**
     * Not linked for longer than this: most likely gone for good (left the team, a machine
     * retired), so its messages get no sealed copies, whose signatures and kept copies it would
     * cost every message for ever. It still gets every message from its sender when it is back.
     */
    static final Duration GONE_AFTER = Duration.ofDays(30);

    private boolean goneLongAgo(NodeId d, long now) {
        long last = store.membership().lastSeen(d); // by anyone: a peer's roster tells of those never met here
        // Never linked: perhaps it can reach others but not this node. Sealed copies are its way.
        return last > 0 && now - last > GONE_AFTER.toMillis();
    }

    /** Who keeps sealed copies of a message: up to {@link #KEEPERS} of its destinations linked now, lowest ids first. */
    private static List<NodeId> keepers(Set<NodeId> destinations, Set<NodeId> linked) {
        return destinations.stream().filter(linked::contains).sorted().limit(KEEPERS).toList();
    }

    /**
     * Sealed copies, per keeper, of the messages at {@code indexes} (this node's sends) that
     * {@code peer} has not acknowledged ({@code acked}): for a peer whose link went down, which
     * looked linked when they were sent. Never {@code peer} itself among the keepers, even if it
     * is linked again by now (a link lost to a heartbeat timeout comes back within seconds): it
     * would only drop copies of its own, and the real keepers would be one fewer. Reads the log
     * and signs: not on the node thread.
     */
    Map<NodeId, List<Sealed>> forLostLink(NodeId peer, long[] indexes, long acked, Set<NodeId> linked) {
        Set<NodeId> others = new HashSet<>(linked);
        others.remove(peer);
        Map<NodeId, List<Sealed>> byKeeper = new TreeMap<>();
        try (LogReader reader = store.log().reader()) {
            for (long index : indexes) {
                Event e = reader.read(index).orElse(null);
                if (!(e instanceof Event.MessageSent sent) || !sent.linkSeq().containsKey(peer)) {
                    continue; // a copy this node keeps for the peer: its sender sealed it, others hold it too
                }
                if (sent.linkSeq().get(peer) <= acked) {
                    continue;
                }
                List<NodeId> keepers = keepers(sent.destinations(), others);
                if (keepers.isEmpty()) {
                    continue;
                }
                Sealed copy = new Sealed(sent.id(), RelayEnvelope.seal(identity, peer, sent.linkSeq().get(peer), codec.encode(sent, peer)));
                keepers.forEach(k -> byKeeper.computeIfAbsent(k, x -> new ArrayList<>()).add(copy));
            }
        }
        return byKeeper;
    }

    /**
     * Sealed copies, for {@code keeper} (just linked) to keep, of this node's sends at
     * {@code indexes} that no one keeps for their destinations still away: sent while no
     * destination was linked, so at send there was no one to give them to. Only a send that has
     * {@code keeper} among its destinations can be given to it. A send of an earlier run (in
     * {@code earlierRuns}) counts only if none of its destinations had acknowledged it when this
     * run began ({@code ackedAtStart}): one that some had was out, and was kept then. Reads the
     * log and signs: not on the node thread.
     */
    ForKeeper forNewKeeper(NodeId keeper, long[] indexes, Set<Long> earlierRuns, ToLongFunction<NodeId> acked,
                           ToLongFunction<NodeId> ackedAtStart, Set<NodeId> linked) {
        List<Sealed> copies = new ArrayList<>();
        Set<Long> given = new HashSet<>();
        Set<Long> settled = new HashSet<>();
        try (LogReader reader = store.log().reader()) {
            for (long index : indexes) {
                Event e = reader.read(index).orElse(null);
                if (!(e instanceof Event.MessageSent sent) || !sent.id().sender().equals(identity.id())
                        || earlierRuns.contains(index) && sent.linkSeq().entrySet().stream().anyMatch(s -> s.getValue() <= ackedAtStart.applyAsLong(s.getKey()))) {
                    settled.add(index);
                    continue;
                }
                List<NodeId> away = sent.linkSeq().entrySet().stream()
                        .filter(s -> !linked.contains(s.getKey()) && s.getValue() > acked.applyAsLong(s.getKey()) && !goneLongAgo(s.getKey(), sent.ts()))
                        .map(Map.Entry::getKey).sorted().toList();
                if (away.isEmpty()) {
                    settled.add(index); // each destination has it, or gets it on its own link now
                } else if (sent.destinations().contains(keeper)) {
                    for (NodeId d : away) {
                        copies.add(new Sealed(sent.id(), RelayEnvelope.seal(identity, d, sent.linkSeq().get(d), codec.encode(sent, d))));
                    }
                    given.add(index);
                }
            }
        }
        return new ForKeeper(copies, given, settled);
    }

    /** What {@link #forNewKeeper} sealed, for the sends at {@code given}, and which sends need no keeper any more. */
    record ForKeeper(List<Sealed> copies, Set<Long> given, Set<Long> settled) {
    }

    /** A sealed copy of message {@code id}. */
    record Sealed(MessageId id, byte[] envelope) {
    }

    /**
     * Which destinations' copies carry which sealed copies. {@code keptByNobody}: some destinations
     * are away and none is linked to keep copies for them.
     */
    record Custody(Set<NodeId> keepers, List<byte[]> envelopes, boolean keptByNobody) {
        static final Custody NONE = new Custody(Set.of(), List.of(), false);
        static final Custody NOBODY_LINKED = new Custody(Set.of(), List.of(), true);

        Custody(Set<NodeId> keepers, List<byte[]> envelopes) {
            this(keepers, envelopes, false);
        }

        byte[] bodyFor(NodeId d, byte[] body) {
            return keepers.contains(d) ? CustodyBundle.wrap(envelopes, body) : body;
        }
    }
}

package peerchat.engine.net;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import peerchat.store.event.NodeId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A small durable {@link LinkJournal} for the tests that kill a node with SIGKILL: one text line
 * per record, each written with one system call before the call returns, so whatever a call
 * reported survives the kill (the OS keeps written pages; power loss is not the point here). A
 * torn last line is dropped on open. The node's real journal is the Chronicle log.
 */
final class FileLinkJournal implements LinkJournal, AutoCloseable {
    private final Path file;
    private final FileOutputStream out;
    private final Map<NodeId, TreeMap<Long, Outbound>> outboxes = new HashMap<>();
    private final Map<NodeId, Long> lastSeq = new HashMap<>();
    private final Map<NodeId, Long> acked = new HashMap<>();
    private final Map<NodeId, SeqTracker> trackers = new HashMap<>();
    private final Map<NodeId, List<InMemoryLinkJournal.Received>> received = new HashMap<>();

    FileLinkJournal(Path dir) {
        try {
            Files.createDirectories(dir);
            file = dir.resolve("links.journal");
            if (Files.exists(file)) {
                replay();
            }
            out = new FileOutputStream(file.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void replay() throws IOException {
        byte[] all = Files.readAllBytes(file);
        int end = all.length;
        while (end > 0 && all[end - 1] != '\n') {
            end--;
        }
        if (end < all.length) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(end);
            }
        }
        for (String line : new String(all, 0, end, StandardCharsets.US_ASCII).split("\n")) {
            if (!line.isEmpty()) {
                apply(line.split(" "));
            }
        }
    }

    private void apply(String[] f) {
        NodeId peer = new NodeId(f[1]);
        switch (f[0]) {
            case "S":
                long seq = Long.parseLong(f[2]);
                lastSeq.merge(peer, seq, Math::max);
                if (seq > acked.getOrDefault(peer, 0L)) {
                    outbox(peer).put(seq, new Outbound(seq, Base64.getDecoder().decode(f[4]), Long.parseLong(f[3])));
                }
                break;
            case "R":
                long r = Long.parseLong(f[2]);
                tracker(peer).add(r);
                received.computeIfAbsent(peer, k -> new ArrayList<>())
                        .add(new InMemoryLinkJournal.Received(peer, r, Base64.getDecoder().decode(f[3])));
                break;
            case "A":
                long upTo = acked.merge(peer, Long.parseLong(f[2]), Math::max);
                outbox(peer).headMap(upTo, true).clear();
                break;
            default:
                throw new IllegalStateException("unknown journal record " + f[0]);
        }
    }

    private void append(String line) {
        try {
            out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized Outbound recordSend(NodeId to, byte[] body, long notBefore) {
        long seq = lastSeq.getOrDefault(to, 0L) + 1;
        String line = "S " + to + " " + seq + " " + notBefore + " " + Base64.getEncoder().encodeToString(body);
        append(line);
        apply(line.split(" "));
        return new Outbound(seq, body, notBefore);
    }

    @Override
    public Mono<Void> receive(NodeId from, long linkSeq, byte[] body) {
        return Mono.fromRunnable(() -> {
            synchronized (this) {
                String line = "R " + from + " " + linkSeq + " " + Base64.getEncoder().encodeToString(body);
                append(line);
                apply(line.split(" "));
            }
        });
    }

    @Override
    public synchronized ReceivedSeqs receivedFrom(NodeId from) {
        return tracker(from).snapshot();
    }

    @Override
    public Flux<Outbound> unacked(NodeId peer, long afterLinkSeq) {
        return Flux.defer(() -> {
            synchronized (this) {
                return Flux.fromIterable(new ArrayList<>(outbox(peer).tailMap(afterLinkSeq, false).values()));
            }
        });
    }

    @Override
    public synchronized void acked(NodeId peer, long upToLinkSeq) {
        if (upToLinkSeq > acked.getOrDefault(peer, 0L)) {
            String line = "A " + peer + " " + upToLinkSeq;
            append(line);
            apply(line.split(" "));
        }
    }

    @Override
    public synchronized long ackedUpTo(NodeId peer) {
        return acked.getOrDefault(peer, 0L);
    }

    synchronized List<InMemoryLinkJournal.Received> received(NodeId from) {
        return List.copyOf(received.getOrDefault(from, List.of()));
    }

    synchronized int unackedCount(NodeId peer) {
        return outbox(peer).size();
    }

    private TreeMap<Long, Outbound> outbox(NodeId peer) {
        return outboxes.computeIfAbsent(peer, k -> new TreeMap<>());
    }

    private SeqTracker tracker(NodeId peer) {
        return trackers.computeIfAbsent(peer, k -> new SeqTracker(ReceivedSeqs.NONE));
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

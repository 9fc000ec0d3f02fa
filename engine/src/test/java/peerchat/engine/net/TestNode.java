package peerchat.engine.net;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import peerchat.engine.identity.Identity;
import peerchat.store.event.NodeId;
import reactor.core.Disposable;
import reactor.netty.resources.LoopResources;

/** One node's links on its own 127.0.0.x, with an in-memory journal and its events recorded. */
final class TestNode implements AutoCloseable {
    final Identity identity = Identity.generate();
    final LinkJournal journal;
    final TcpPeerLinks links;
    final InetSocketAddress address;
    final List<LinkEvent> events = new CopyOnWriteArrayList<>();
    private final Disposable subscription;

    private TestNode(LinkConfig config, LinkJournal journal, Clock clock, LoopResources loops) {
        this.journal = journal;
        this.links = new TcpPeerLinks(identity, journal, config, clock, loops);
        this.subscription = links.events().subscribe(events::add);
        this.address = links.start().block(Duration.ofSeconds(10));
    }

    static TestNode start(int host, String name) {
        return start(host, name, LinkConfig.loopbackTest(), new InMemoryLinkJournal());
    }

    static TestNode start(int host, String name, LinkConfig config, LinkJournal journal) {
        return start(host, name, config, journal, Clock.systemUTC());
    }

    /** With {@code clock} as its wall clock. */
    static TestNode start(int host, String name, LinkConfig config, LinkJournal journal, Clock clock) {
        return new TestNode(config.withName(name).withListen(new InetSocketAddress("127.0.0." + host, 0)), journal, clock,
                TcpPeerLinks.sharedLoops());
    }

    /** On {@code loop} alone, as a node runs: a test may hold that thread without holding up the other nodes. */
    static TestNode start(int host, String name, LinkConfig config, LinkJournal journal, NodeLoop loop) {
        return new TestNode(config.withName(name).withListen(new InetSocketAddress("127.0.0." + host, 0)), journal,
                Clock.systemUTC(), loop.loops());
    }

    NodeId id() {
        return identity.id();
    }

    InMemoryLinkJournal memory() {
        return (InMemoryLinkJournal) journal;
    }

    /** What the node does: log the send (numbering it), then hand it to the links. */
    Outbound send(NodeId to, String text, long notBefore) {
        Outbound o = memory().recordSend(to, text.getBytes(StandardCharsets.UTF_8), notBefore);
        links.send(to, o.linkSeq(), o.body(), notBefore);
        return o;
    }

    Outbound send(NodeId to, String text) {
        return send(to, text, 0);
    }

    List<Long> receivedSeqs(NodeId from) {
        return memory().received(from).stream().map(InMemoryLinkJournal.Received::linkSeq).toList();
    }

    @Override
    public void close() {
        links.close().block(Duration.ofSeconds(15));
        subscription.dispose();
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}

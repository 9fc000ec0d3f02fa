package peerchat.engine.net;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import peerchat.engine.identity.Identity;

class TcpPeerLinksContractTest implements PeerLinksContract {
    private final List<Peer> all = new ArrayList<>();

    @BeforeAll
    static void quiet() {
        Quiet.logs();
    }

    @Override
    public Peer start(String name, Identity identity, InMemoryLinkJournal journal) {
        // The same name gets the same 127.0.0.x again: a restarted node keeps its host.
        int host = 160 + Math.floorMod(name.hashCode(), 60);
        LinkConfig config = LinkConfig.loopbackTest().withName(name).withListen(new InetSocketAddress("127.0.0." + host, 0));
        Peer p = new Peer(name, identity, journal, new TcpPeerLinks(identity, journal, config, Clock.systemUTC()));
        all.add(p);
        return p;
    }

    @Override
    public List<Peer> all() {
        return all;
    }
}

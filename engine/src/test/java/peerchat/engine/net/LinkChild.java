package peerchat.engine.net;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import peerchat.engine.identity.Identity;
import peerchat.store.event.NodeId;

/**
 * A node's links in a process of its own, for the tests that kill it with SIGKILL: identity and a
 * durable {@link FileLinkJournal} in {@code dataDir}. Prints {@code READY <id> <host:port>}, then
 * obeys {@code send <peer> <count>} lines on stdin ({@code SENT <lastSeq>} when handed over).
 *
 * <p>Usage: {@code LinkChild <dataDir> <host> <port> <seedHost:seedPort>}
 */
public final class LinkChild {
    private LinkChild() {
    }

    public static void main(String[] args) throws Exception {
        Quiet.logs();
        Path dir = Path.of(args[0]);
        Identity identity = Identity.loadOrCreate(dir);
        FileLinkJournal journal = new FileLinkJournal(dir);
        LinkConfig config = LinkConfig.loopbackTest().withName("child")
                .withListen(new InetSocketAddress(args[1], Integer.parseInt(args[2])));
        TcpPeerLinks links = new TcpPeerLinks(identity, journal, config, Clock.systemUTC());
        InetSocketAddress bound = links.start().block(Duration.ofSeconds(30));
        String[] seed = args[3].split(":");
        links.connect(new InetSocketAddress(seed[0], Integer.parseInt(seed[1])));
        System.out.println("READY " + identity.id() + " " + bound.getHostString() + ":" + bound.getPort());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] cmd = line.trim().split(" ");
            if (cmd[0].equals("send")) {
                NodeId to = new NodeId(cmd[1]);
                long last = 0;
                for (int i = 0; i < Integer.parseInt(cmd[2]); i++) {
                    Outbound o = journal.recordSend(to, ("msg").getBytes(StandardCharsets.UTF_8), 0);
                    links.send(to, o.linkSeq(), o.body(), 0);
                    last = o.linkSeq();
                }
                System.out.println("SENT " + last);
                System.out.flush();
            }
        }
        links.close().block(Duration.ofSeconds(10));
    }
}

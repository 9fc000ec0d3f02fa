package peerchat.engine.node;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import peerchat.engine.api.ChatEvent;
import peerchat.engine.api.Conversation;
import peerchat.engine.api.MessageView;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;
import peerchat.engine.api.Reply;
import peerchat.engine.api.UserView;
import peerchat.store.event.GroupName;

/**
 * The child JVM of {@link FullDiskNodeTest}: alice's data directory on a small tmpfs of its own
 * ({@code DISK}), bob's on the ordinary disk ({@code OTHER}), linked over loopback TCP. Fills the
 * tmpfs, then reports, one line each, what the two nodes did.
 */
public final class FullDiskPair {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private FullDiskPair() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
        Path disk = Path.of(args[0]);
        Path other = Path.of(args[1]);
        Node alice = Node.start(NodeConfig.loopback("alice", disk.resolve("alice"), "127.0.0.2")).block(WAIT);
        Node bob = Node.start(NodeConfig.loopback("bob", other.resolve("bob"), "127.0.0.3")
                .withSeeds(List.of(alice.self().listen()))).block(WAIT);
        List<String> aliceGot = received(alice);
        List<String> aliceWarned = new CopyOnWriteArrayList<>();
        alice.events().subscribe(e -> {
            if (e instanceof ChatEvent.Warning w) {
                aliceWarned.add(w.text());
            }
        });
        List<String> bobGot = received(bob);
        await().atMost(WAIT).until(() -> online(alice) == 2 && online(bob) == 2);

        Path ballast = disk.resolve("ballast");
        fillUp(ballast);
        String text = "y".repeat(3900);
        int sent = 0;
        Reply reply;
        while ((reply = alice.execute("#all " + sent + " " + text).block(WAIT)) instanceof Reply.Sent) {
            sent++;
        }
        out.println("SENT " + sent);
        out.println("REFUSED " + ((Reply.Error) reply).message());
        int sentAll = sent;
        await().atMost(WAIT).until(() -> bobGot.size() == sentAll);
        out.println("BOB GOT " + bobGot.size() + (inOrder(bobGot) ? " in-order" : " out-of-order"));

        out.println("BOB SENDS " + bob.execute("#all from bob").block(WAIT).getClass().getSimpleName());
        Reply history = alice.execute("-history #all").block(WAIT);
        out.println("ALICE UP " + history.getClass().getSimpleName() + " " + aliceGot.size());
        await().atMost(WAIT).until(() -> !aliceWarned.isEmpty());
        out.println("ALICE WARNED " + aliceWarned);

        Files.delete(ballast);
        await().atMost(WAIT).until(() -> aliceGot.contains("from bob"));
        out.println("ALICE GOT " + aliceGot);
        out.println("ALICE SENDS " + alice.execute("#all after room").block(WAIT).getClass().getSimpleName());
        await().atMost(WAIT).until(() -> bobGot.contains("after room"));
        out.println("BOB GOT AFTER " + bobGot.size());

        alice.shutdown().block(WAIT);
        Node again = Node.start(NodeConfig.loopback("alice", disk.resolve("alice"), "127.0.0.2")).block(WAIT);
        List<MessageView> all = again.history(new Conversation.Group(GroupName.ALL), 100_000).block(WAIT);
        out.println("RESTARTED " + all.size() + " last " + all.get(all.size() - 1).text());
        again.shutdown().block(WAIT);
        bob.shutdown().block(WAIT);
    }

    private static List<String> received(Node node) {
        List<String> texts = new CopyOnWriteArrayList<>();
        node.events().subscribe(e -> {
            if (e instanceof ChatEvent.Message m && !m.message().own()) {
                texts.add(m.message().text().length() > 20 ? m.message().text().split(" ")[0] : m.message().text());
            }
        });
        return texts;
    }

    private static long online(Node node) {
        return node.users().stream().filter(UserView::online).count();
    }

    private static boolean inOrder(List<String> numbers) {
        for (int i = 0; i < numbers.size(); i++) {
            if (!numbers.get(i).equals(String.valueOf(i))) {
                return false;
            }
        }
        return true;
    }

    /** Writes {@code file} until the disk is full. */
    private static void fillUp(Path file) throws IOException {
        byte[] chunk = new byte[64 << 10];
        try (OutputStream o = Files.newOutputStream(file)) {
            while (true) {
                o.write(chunk);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }
}

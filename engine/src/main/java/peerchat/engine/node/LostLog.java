package peerchat.engine.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import peerchat.engine.identity.Identity;

/**
 * A node whose identity has been logged but whose log holds nothing now (moved away, emptied, a
 * data directory copied without it) does not start. Its peers may hold messages from that
 * identity, numbered as this node would number its next ones, and both the links and the causal
 * order drop a number they have as a copy: everything it sent was dropped unseen, and what others
 * sent it waited for good on messages "it had not sent" (stop 30: a log moved away, as the message
 * for a damaged log then advised, cut the node off from everyone, silently).
 *
 * <p>That the identity was logged is kept beside its key ({@link #MARKER}), written once the log
 * holds it: a first start that failed between making the key and logging it has sent nothing, and
 * starts again as if new.
 */
final class LostLog {
    /** In the data directory: this identity is in its log. */
    static final String MARKER = "identity.logged";

    private LostLog() {
    }

    /**
     * Before the identity is loaded, which would make a new key where it is missing: a log of one
     * identity under another's key does not start ({@code replayed send … was not sent by …}), and
     * the new key stood in the way of putting the old one back (QA, stop 30).
     *
     * @throws IllegalStateException when the identity was logged and its key is not there
     */
    static void beforeKey(Path dataDir) {
        Path key = dataDir.resolve(Identity.KEY_FILE);
        if (isLogged(dataDir) && !Files.exists(key)) {
            throw new IllegalStateException("the identity key " + key + " is missing, but the log in " + dataDir.resolve("log")
                    + " is the history of the identity " + loggedId(dataDir) + ": put its identity.key back (a new key would be"
                    + " another user, whose log this is not), or start as a new identity: move the data directory " + dataDir
                    + " away (or give another --data) and start again");
        }
    }

    /**
     * Before the log is opened, which would make a new one where it is missing (and then stand in
     * the way of putting the old one back).
     *
     * @throws IllegalStateException when the identity was logged and its log is not there
     */
    static void beforeOpening(Path dataDir) {
        if (isLogged(dataDir) && !Files.isDirectory(dataDir.resolve("log"))) {
            throw lost(dataDir);
        }
    }

    /**
     * After the log is read.
     *
     * @param entries how many entries the log gave
     * @throws IllegalStateException when the identity was logged and its log gave nothing
     */
    static void afterReading(Path dataDir, long entries) {
        if (entries == 0 && isLogged(dataDir)) {
            throw lost(dataDir);
        }
    }

    /** The log holds this node's identity now: said once, beside the key. */
    static void logged(Path dataDir, String nodeId) {
        Path marker = dataDir.resolve(MARKER);
        if (Files.exists(marker)) {
            return;
        }
        Path tmp = dataDir.resolve(MARKER + ".tmp");
        try {
            Files.writeString(tmp, nodeId + "\nThis identity's messages are numbered in ./log: without that log, a node with this"
                    + " identity.key does not start (its peers would drop what it sends as copies).\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, marker, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + marker + ": " + e, e);
        }
    }

    private static String loggedId(Path dataDir) {
        try {
            return Files.readAllLines(dataDir.resolve(MARKER), StandardCharsets.UTF_8).stream().findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static boolean isLogged(Path dataDir) {
        return Files.exists(dataDir.resolve(MARKER));
    }

    private static IllegalStateException lost(Path dataDir) {
        return new IllegalStateException("the log in " + dataDir.resolve("log") + " holds nothing, but this node's identity has"
                + " been used (" + dataDir.resolve(MARKER) + "): the log was lost, emptied, or left behind (a data directory"
                + " copied without it). Peers hold messages from this identity numbered as this node would number its next ones,"
                + " and would drop those as copies. Put the log back, or start as a new identity: move the data directory "
                + dataDir + " away (or give another --data) and start again");
    }
}

package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;
import peerchat.engine.api.Reply;
import peerchat.store.ChildJvm;

/**
 * One node per data directory: a second one on it, in this process or another, is refused with a
 * message naming the holder, and touches nothing; the directory is free again once the holder
 * stops, or dies (SIGKILL: the kernel lets the lock go, no stale lock file).
 */
class DataDirLockTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** QA: a read-only data directory said only "cannot open …/lock". (As root, no permission stops a test: the words are checked.) */
    @Test
    void whyTheLockFileCannotBeOpenedIsSaid() {
        assertThat(DataDirLock.trouble(new java.nio.file.AccessDeniedException("/d/lock")))
                .startsWith("permission denied");
        assertThat(DataDirLock.trouble(new java.nio.file.FileSystemException("/d/lock", null, "Read-only file system")))
                .isEqualTo("read-only file system");
    }

    @Test
    void aSecondNodeInThisProcessIsRefusedUntilTheFirstStops() throws Exception {
        Path data = dir.resolve("alice");
        Node alice = Node.start(NodeConfig.loopback("alice", data, "127.0.0.8")).block(WAIT);
        try {
            assertThatThrownBy(() -> Node.start(NodeConfig.loopback("alice", data, "127.0.0.9")).block(WAIT))
                    .hasMessageContaining("the data directory " + data + " is in use by another peerchat node (pid "
                            + ProcessHandle.current().pid() + ")");
            // The first one is untouched by the attempt, its lock included: closing a second
            // channel to the lock file would have dropped it (POSIX), and another process got in.
            assertThat(alice.execute("still here").block(WAIT)).isInstanceOf(Reply.Sent.class);
            child = new ProcessBuilder(ChildJvm.command(NodeHolder.class, data.toString())).redirectErrorStream(true).start();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.exitValue()).as(out).isNotZero();
            assertThat(out).doesNotContain("READY").contains("is in use by another peerchat node (pid " + ProcessHandle.current().pid() + ")");
        } finally {
            alice.shutdown().block(WAIT);
        }
        Node again = Node.start(NodeConfig.loopback("alice", data, "127.0.0.9")).block(WAIT);
        try {
            assertThat(again.self().id()).isEqualTo(alice.self().id());
            assertThat(again.history(peerchat.engine.api.Conversation.all(), 10).block(WAIT)).extracting(m -> m.text()).containsExactly("still here");
        } finally {
            again.shutdown().block(WAIT);
        }
    }

    @Test
    void aNodeInAnotherProcessHoldsTheDirectoryUntilItIsKilled() throws Exception {
        Path data = dir.resolve("holder");
        child = new ProcessBuilder(ChildJvm.command(NodeHolder.class, data.toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String ready;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            do {
                ready = out.readLine();
            } while (ready != null && !ready.startsWith("READY "));
        }
        assertThat(ready).as("the child's node started").isNotNull();

        assertThatThrownBy(() -> Node.start(NodeConfig.loopback("holder", data, "127.0.0.10")).block(WAIT))
                .hasMessageContaining("is in use by another peerchat node (pid " + child.pid() + ")");

        child.destroyForcibly(); // SIGKILL: no shutdown, no unlock
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Node after = Node.start(NodeConfig.loopback("holder", data, "127.0.0.10")).block(WAIT);
        try {
            assertThat(ready).isEqualTo("READY " + after.self().id());
        } finally {
            after.shutdown().block(WAIT);
        }
    }
}

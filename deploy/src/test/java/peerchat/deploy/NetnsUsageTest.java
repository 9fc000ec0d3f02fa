package peerchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/netns} refuses what it cannot do with a reason and a failing status, before it
 * creates anything. None of these needs root: they are refused before any namespace is made.
 */
class NetnsUsageTest {
    @TempDir
    Path temp;

    private NetnsScript script() {
        return new NetnsScript(NetnsScript.moduleDir(), "pcusage" + ProcessHandle.current().pid(), temp.resolve("state"));
    }

    @Test
    void unknownCommandIsRefused() {
        NetnsScript.Run r = script().run("explode");
        assertThat(r.status()).isNotZero();
        assertThat(r.output()).contains("unknown command 'explode'");
    }

    @Test
    void nodeCountMustBeSensible() {
        for (String n : new String[] {"0", "251", "five", ""}) {
            NetnsScript.Run r = script().run("up", n);
            assertThat(r.status()).as("up '%s'", n).isNotZero();
            assertThat(r.output()).contains("N from 1 to 250");
        }
        assertThat(temp.resolve("state")).doesNotExist();
    }

    @Test
    void actionsOnANetworkThatIsNotUpNameTheProblem() {
        for (String action : new String[] {"send", "kill", "stop", "start", "cut", "reconnect", "log"}) {
            NetnsScript.Run r = script().run(action, "1", "hello");
            assertThat(r.status()).as(action).isNotZero();
            assertThat(r.output()).as(action).contains("no node '1'").contains("is the network up?");
        }
    }

    @Test
    void prefixThatCouldEscapeANameIsRefused() {
        NetnsScript.Run r = new NetnsScript(NetnsScript.moduleDir(), "../x y", temp.resolve("state")).run("status");
        assertThat(r.status()).isNotZero();
        assertThat(r.output()).contains("--prefix");
    }

    @Test
    void missingJarIsNamedBeforeAnythingIsCreated() throws Exception {
        Path module = temp.resolve("module");
        Files.createDirectories(module);
        Files.copy(NetnsScript.moduleDir().resolve("netns"), module.resolve("netns"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        NetnsScript.Run r = new NetnsScript(module, "pcusage" + ProcessHandle.current().pid(), temp.resolve("state")).run("up", "2");
        assertThat(r.status()).isNotZero();
        assertThat(r.output()).contains("no jar at").contains("peerchat.jar");
        assertThat(temp.resolve("state")).doesNotExist();
    }

    @Test
    void helpDescribesEveryCommand() {
        NetnsScript.Run r = script().run("--help");
        assertThat(r.output()).contains("up N", "send I LINE", "kill I", "cut I", "reconnect I", "down", "check");
    }
}

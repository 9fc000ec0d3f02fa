package peerchat.engine.discovery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of a test's own for a child process: made by {@code unshare --net} with
 * {@code lo} up, gone when the child is. Nothing sent in it can reach the machine's networks, so
 * tests may multicast and give it links and addresses of their own. Needs root: {@link #canMake}.
 */
final class OwnNetworkNamespace {
    /**
     * A LAN-like link {@code d0} at 10.77.0.1/24: one end of a veth pair whose other end stays in
     * the namespace (carrier, MULTICAST, no route out). A {@code dummy} link would do, but needs a
     * kernel module that containers often lack; veth is there wherever containers run.
     */
    static final String LAN_LINK = "ip link add d0 type veth peer name d0peer && ip link set d0peer up"
            + " && ip link set d0 multicast on && ip addr add 10.77.0.1/24 dev d0 && ip link set d0 up";
    /**
     * {@link #LAN_LINK} with a default route over it, and after it a container bridge as Docker
     * makes one ({@code docker0}, 10.88.0.1/16: up, multicast, a higher index), which Java lists
     * first.
     */
    static final String LAN_LINK_AND_DOCKER = LAN_LINK + " && ip route add default via 10.77.0.254 dev d0"
            + " && ip link add docker0 type veth peer name dkpeer && ip link set dkpeer up"
            + " && ip link set docker0 multicast on && ip addr add 10.88.0.1/16 dev docker0 && ip link set docker0 up";
    /** No setup beyond {@code lo}. */
    static final String NOTHING = "true";

    private OwnNetworkNamespace() {
    }

    /** Whether such a namespace can be made here with {@code setup} run in it (false where not root). */
    static boolean canMake(String setup) {
        try {
            Process probe = new ProcessBuilder(command(setup, List.of("true")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code child} in a new namespace after {@code setup} (shell). The child is exec'd, so its
     * pid is the namespace's first process: {@code nsenter --net=/proc/PID/ns/net} reaches it.
     */
    static List<String> command(String setup, List<String> child) {
        List<String> command = new ArrayList<>(List.of("unshare", "--net", "--", "sh", "-c",
                "ip link set lo up && " + setup + " && exec \"$@\"", "sh"));
        command.addAll(child);
        return command;
    }
}

package peerchat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The compose file cannot run here (no Docker daemon), so it is held to what can: it must describe
 * the same network as {@code deploy/netns up 5} — names, addresses, port, discovery interface, a
 * data volume each, an isolated network — and its image must be the jar and flags the build makes.
 */
class ComposeMirrorsNetnsTest {
    private static final Path MODULE = NetnsScript.moduleDir();

    @Test
    void composeRunsTheFivePeersNetnsRuns() throws Exception {
        String netns = Files.readString(MODULE.resolve("netns"));
        String compose = Files.readString(MODULE.resolve("compose.yaml"));

        Matcher names = Pattern.compile("(?m)^names=\\(([^)]*)\\)").matcher(netns);
        assertThat(names.find()).isTrue();
        List<String> firstFive = List.of(names.group(1).trim().split("\\s+")).subList(0, 5);
        Matcher subnet = Pattern.compile("PEERCHAT_NETNS_SUBNET:-([0-9.]+)\\}").matcher(netns);
        assertThat(subnet.find()).isTrue();
        Matcher port = Pattern.compile("(?m)^port=(\\d+)").matcher(netns);
        assertThat(port.find()).isTrue();

        for (int i = 1; i <= 5; i++) {
            String name = firstFive.get(i - 1);
            String address = subnet.group(1) + "." + i;
            assertThat(compose).as("service %s", name)
                    .contains("  " + name + ":\n")
                    .contains("[\"--name\", \"" + name + "\", \"--listen\", \"" + address + ":" + port.group(1)
                            + "\", \"--discovery-interface\", \"" + address + "\"]")
                    .contains("ipv4_address: " + address + " }")
                    .contains("[\"" + name + ":/data\"]");
            // Same per-node flags as the script gives its nodes.
            assertThat(netns).contains("--listen \"$addr:$port\"").contains("--discovery-interface \"$addr\"");
        }
        assertThat(compose).contains("internal: true").contains("subnet: " + subnet.group(1) + ".0/24");
    }

    @Test
    void imageRunsTheBuiltJarWithTheProjectsJvmFlags() throws Exception {
        String dockerfile = Files.readString(MODULE.resolve("Dockerfile"));
        assertThat(dockerfile)
                .contains("RUN ./mvnw -B -q -DskipTests package")
                .contains("COPY --from=build /src/deploy/target/peerchat.jar /app/peerchat.jar")
                .contains("COPY --from=build /src/deploy/target/jvm.options /app/jvm.options")
                .contains("ENTRYPOINT [\"java\", \"@/app/jvm.options\", \"-jar\", \"/app/peerchat.jar\"");
        // Every module the build needs is copied into the build stage.
        for (String module : new String[] {"store", "engine", "ui-cli", "ui-swing", "deploy"}) {
            assertThat(dockerfile).contains("COPY " + module + " " + module);
        }
    }
}

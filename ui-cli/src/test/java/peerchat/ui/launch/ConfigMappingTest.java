package peerchat.ui.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import peerchat.engine.api.NodeConfig;
import picocli.CommandLine;

/** Command lines as a user types them, through picocli, to the config the node gets. */
class ConfigMappingTest {
    private static final Path HOME = Path.of("/home/u");
    private static final Function<Path, Optional<String>> NOTHING_STORED = p -> Optional.empty();

    private static NodeConfig config(Function<Path, Optional<String>> stored, String... args) {
        Flags flags = new Flags();
        new CommandLine(flags).parseArgs(args);
        return ConfigMapping.toConfig(flags, stored, HOME);
    }

    private static NodeConfig config(String... args) {
        return config(NOTHING_STORED, args);
    }

    @Test
    void withNeitherNameNorDataTheOnlyNodeUnderTheHomeDirectoryIsTheUsers() {
        Flags flags = new Flags();
        new CommandLine(flags).parseArgs();
        Path zed = HOME.resolve(".peerchat/zed");
        NodeConfig c = ConfigMapping.toConfig(flags, p -> p.equals(zed) ? Optional.of("zed") : Optional.empty(), HOME, List.of(zed));
        assertThat(c.dataDir()).isEqualTo(zed);
        assertThat(c.name()).isEqualTo("zed");
        assertThatThrownBy(() -> ConfigMapping.toConfig(flags, NOTHING_STORED, HOME, List.of(zed, HOME.resolve(".peerchat/amy"))))
                .hasMessage("--name NAME is required: this machine has the nodes amy, zed (in /home/u/.peerchat), or give --data DIR");
        assertThatThrownBy(() -> ConfigMapping.toConfig(flags, NOTHING_STORED, HOME, List.of()))
                .hasMessage("--name NAME is required (or --data DIR of a node that has one)");
        Flags named = new Flags();
        new CommandLine(named).parseArgs("--name", "amy");
        assertThat(ConfigMapping.toConfig(named, NOTHING_STORED, HOME, List.of(zed)).dataDir()).as("a name says which")
                .isEqualTo(HOME.resolve(".peerchat/amy"));
    }

    @Test
    void defaultsAreTheLanPresetUnderTheHomeDirectory() {
        NodeConfig c = config("--name", "alice");
        NodeConfig lan = NodeConfig.lan("alice", HOME.resolve(".peerchat/alice"));
        assertThat(c.name()).isEqualTo("alice");
        assertThat(c.dataDir()).isEqualTo(HOME.resolve(".peerchat").resolve("alice"));
        assertThat(c.listenHost()).isEqualTo("0.0.0.0");
        assertThat(c.listenPort()).isEqualTo(7117);
        assertThat(c.portSearch()).isPositive();
        assertThat(c.seeds()).isEmpty();
        assertThat(c.discovery()).isTrue();
        assertThat(c.discoveryInterface()).isNull();
        assertThat(c.heartbeat()).isEqualTo(lan.heartbeat());
    }

    @Test
    void everyFlagLandsInTheConfig() {
        NodeConfig c = config("--name", "bob", "--data", "/tmp/b", "--listen", "127.0.0.2:7200",
                "--peer", "127.0.0.3:7117", "--peer", "127.0.0.4", "--discovery", "off",
                "--discovery-interface", "127.0.0.2");
        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/b"));
        assertThat(c.listenHost()).isEqualTo("127.0.0.2");
        assertThat(c.listenPort()).isEqualTo(7200);
        assertThat(c.seeds()).containsExactly("127.0.0.3:7117", "127.0.0.4:7117");
        assertThat(c.discovery()).isFalse();
        assertThat(c.discoveryInterface()).isEqualTo("127.0.0.2");
    }

    @Test
    void aNamedPortIsExactlyThatPortButTheDefaultMovesOnWhenTaken() {
        assertThat(config("--name", "a", "--listen", "127.0.0.1:0").portSearch()).isZero();
        assertThat(config("--name", "a", "--listen", "127.0.0.1:0").listenPort()).isZero();
        assertThat(config("--name", "a", "--listen", "127.0.0.1:7300").portSearch()).isZero();
        NodeConfig hostOnly = config("--name", "a", "--listen", "127.0.0.1");
        assertThat(hostOnly.listenPort()).isEqualTo(7117);
        assertThat(hostOnly.portSearch()).isPositive();
        NodeConfig portOnly = config("--name", "a", "--listen", ":7400");
        assertThat(portOnly.listenHost()).isEqualTo("0.0.0.0");
        assertThat(portOnly.listenPort()).isEqualTo(7400);
    }

    @Test
    void theDiscoveryInterfaceIsAnIpv4AddressOrAnInterfaceNameNeverAnythingElse() {
        assertThat(config("--name", "a", "--discovery-interface", "wlan0").discoveryInterface()).isEqualTo("wlan0");
        assertThat(config("--name", "a", "--discovery-interface", "eth0.100").discoveryInterface()).isEqualTo("eth0.100");
        // an IPv6 address used to pass here and then stop the node from starting at all
        assertThatThrownBy(() -> config("--name", "a", "--discovery-interface", "::1"))
                .isInstanceOf(UsageError.class).hasMessageContaining("IPv4 only");
        assertThatThrownBy(() -> config("--name", "a", "--discovery-interface", "127.0.0.300"))
                .isInstanceOf(UsageError.class).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> config("--name", "a", "--discovery-interface", "my laptop"))
                .isInstanceOf(UsageError.class).hasMessageContaining("not an IPv4 address or an interface name");
        assertThatThrownBy(() -> config("--name", "a", "--discovery-interface", " "))
                .isInstanceOf(UsageError.class).hasMessageContaining("needs an address or an interface name");
    }

    @Test
    void theNameMayComeFromTheDataDirectory() {
        Function<Path, Optional<String>> stored = p -> p.equals(Path.of("/d/carol")) ? Optional.of("carol") : Optional.empty();
        assertThat(config(stored, "--data", "/d/carol").name()).isEqualTo("carol");
        assertThat(config(stored, "--data", "/d/carol", "--name", "caroline").name()).isEqualTo("caroline");
        assertThatThrownBy(() -> config(stored, "--data", "/d/empty"))
                .isInstanceOf(UsageError.class).hasMessageContaining("no name is stored in /d/empty");
    }

    @Test
    void withoutNameOrDataThereIsNothingToStart() {
        assertThatThrownBy(() -> config()).isInstanceOf(UsageError.class).hasMessageContaining("--name NAME is required");
    }

    @Test
    void onOffAcceptsTheUsualSpellings() {
        assertThat(config("--name", "a", "--discovery", "ON").discovery()).isTrue();
        assertThat(config("--name", "a", "--discovery", "no").discovery()).isFalse();
        assertThatThrownBy(() -> config("--name", "a", "--discovery", "maybe"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("expected on or off");
    }

    @Test
    void badNamesAndConflictingModesAreRefused() {
        for (String bad : List.of(" ", "two words", "@alice", "#alice", "-alice", "x".repeat(33), "alice\u200B", "\u202Eecila")) {
            assertThatThrownBy(() -> config("--name", bad)).as(bad).isInstanceOf(UsageError.class);
        }
        assertThatThrownBy(() -> config("--name", "a", "--gui", "--json")).isInstanceOf(UsageError.class)
                .hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> config("--name", "a", "--peer", ":7117")).isInstanceOf(UsageError.class)
                .hasMessageContaining("which host");
        assertThatThrownBy(() -> config("--name", "a", "--peer", "127.0.0.1:0")).isInstanceOf(UsageError.class)
                .hasMessage("--peer 127.0.0.1:0: port 0 is no node's port (7117 if left out)");
        assertThatThrownBy(() -> config("--name", "a", "--listen", "x:y"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("not a number");
    }
}

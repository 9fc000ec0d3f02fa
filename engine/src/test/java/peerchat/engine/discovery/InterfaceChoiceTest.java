package peerchat.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import peerchat.engine.api.NodeConfig;

class InterfaceChoiceTest {

    @Test
    void aDottedQuadIsAnAddressAnythingElseInterfaceLikeIsAName() {
        assertThat(InterfaceChoice.parse("127.0.0.7").address().getHostAddress()).isEqualTo("127.0.0.7");
        assertThat(InterfaceChoice.parse(" 127.0.0.7 ").name()).isNull();
        for (String name : new String[] {"wlan0", "eth0.100", "enp0s31f6", "br-lan", "wg_home", "eth0:1", "x".repeat(15)}) {
            InterfaceChoice c = InterfaceChoice.parse(name);
            assertThat(c.name()).as(name).isEqualTo(name);
            assertThat(c.address()).as(name).isNull();
            assertThat(c).hasToString(name);
        }
    }

    @Test
    void whatIsNeitherIsRefusedWithTheReason() {
        assertThatThrownBy(() -> InterfaceChoice.parse("::1")).hasMessageContaining("IPv4 only");
        assertThatThrownBy(() -> InterfaceChoice.parse("fe80::1")).hasMessageContaining("IPv4 only");
        assertThatThrownBy(() -> InterfaceChoice.parse("2001:db8:0:1:0:0:0:1")).hasMessageContaining("IPv4 only");
        assertThatThrownBy(() -> InterfaceChoice.parse("127.0.0.256")).hasMessageContaining("not an IPv4 address: 127.0.0.256");
        assertThatThrownBy(() -> InterfaceChoice.parse("two words")).hasMessageContaining("not an IPv4 address or an interface name");
        assertThatThrownBy(() -> InterfaceChoice.parse("x".repeat(16))).hasMessageContaining("not an IPv4 address or an interface name");
        assertThatThrownBy(() -> InterfaceChoice.parse("")).hasMessageContaining("not an IPv4 address or an interface name");
        assertThatThrownBy(() -> new InterfaceChoice(null, null)).hasMessageContaining("by its address or by its name");
    }

    @Test
    void aNodeConfigWithAnInterfaceThatIsNeitherIsRefusedAtOnceNotWhenTheNodeStarts() {
        NodeConfig lan = NodeConfig.lan("alice", Path.of("/tmp/never-used"));
        assertThatThrownBy(() -> new NodeConfig(lan.name(), lan.dataDir(), lan.listenHost(), lan.listenPort(), lan.portSearch(),
                lan.seeds(), true, "::1", lan.heartbeat(), lan.clock())).hasMessageContaining("IPv4 only");
        assertThat(new NodeConfig(lan.name(), lan.dataDir(), lan.listenHost(), lan.listenPort(), lan.portSearch(),
                lan.seeds(), true, "wlan0", lan.heartbeat(), lan.clock()).discoveryInterface()).isEqualTo("wlan0");
    }

    @Test
    void loopbackByAddressOrByNameGetsTheLoopbackBeacon() throws Exception {
        String lo = NetworkInterface.getByInetAddress(InetAddress.getByName("127.0.0.1")).getName();
        assertThat(InterfaceChoice.parse("127.0.0.1").loopback()).isTrue();
        assertThat(InterfaceChoice.parse(lo).loopback()).isTrue();
        // not there (yet): a LAN interface the beacon waits for
        assertThat(InterfaceChoice.parse("peerchat9").loopback()).isFalse();

        BeaconConfig byName = InterfaceChoice.parse(lo).applyTo(BeaconConfig.loopback());
        assertThat(byName.interfaceName()).isEqualTo(lo);
        BeaconConfig byAddress = InterfaceChoice.parse("127.0.0.7").applyTo(BeaconConfig.loopback());
        assertThat(byAddress.interfaceName()).isNull();
        assertThat(byAddress.interfaceAddress().getHostAddress()).isEqualTo("127.0.0.7");
    }
}

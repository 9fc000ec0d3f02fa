package peerchat.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BeaconInterfaceTest {

    @Test
    void loopbackResolvesToLoWithItsSlash8() throws Exception {
        BeaconInterface lo = BeaconInterface.resolve(BeaconConfig.loopback());
        assertThat(lo.nic().isLoopback()).isTrue();
        assertThat(lo.name()).isEqualTo(lo.nic().getName());
        assertThat(lo.address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(lo.prefixLength()).isEqualTo(8);
        assertThat(lo).hasToString(lo.name() + " 127.0.0.1");
    }

    @Test
    void onLinkMeansTheSameSubnet() throws Exception {
        BeaconInterface loopback = new BeaconInterface("lo", 1, v4("127.0.0.1"), 8);
        assertThat(loopback.onLink(v4("127.45.6.7"))).isTrue();
        assertThat(loopback.onLink(v4("128.0.0.1"))).isFalse();
        assertThat(loopback.onLink(v4("10.0.0.1"))).isFalse();
        assertThat(loopback.onLink(InetAddress.getByName("::1"))).isFalse();

        // documentation addresses (RFC 5737): subnet arithmetic only, nothing is sent
        BeaconInterface lan = new BeaconInterface("eth0", 2, v4("198.51.100.20"), 24);
        assertThat(lan.onLink(v4("198.51.100.255"))).isTrue();
        assertThat(lan.onLink(v4("198.51.101.1"))).isFalse();
        assertThat(new BeaconInterface("eth0", 2, v4("10.1.2.3"), 32).onLink(v4("10.1.2.4"))).isFalse();
        assertThat(new BeaconInterface("eth0", 2, v4("10.1.2.3"), 0).onLink(v4("172.16.0.1"))).isTrue();
    }

    @Test
    void theLanInterfaceIsTheDefaultRoutesElseTheFirstThatIsNotAContainerBridge() throws Exception {
        // as Java lists them: newest first
        BeaconInterface docker = new BeaconInterface("docker0", 5, v4("127.0.88.1"), 16);
        BeaconInterface virbr = new BeaconInterface("virbr0", 4, v4("127.0.99.1"), 24);
        BeaconInterface wlan = new BeaconInterface("wlan0", 3, v4("127.0.77.1"), 24);
        BeaconInterface eth = new BeaconInterface("eth0", 2, v4("127.0.66.1"), 24);
        List<BeaconInterface> listed = List.of(docker, virbr, wlan, eth);
        assertThat(BeaconInterface.best(listed, Optional.of("wlan0"))).contains(wlan);
        assertThat(BeaconInterface.best(listed, Optional.empty())).contains(eth);
        assertThat(BeaconInterface.best(listed, Optional.of("tun9"))).as("a route over an interface not listed").contains(eth);
        assertThat(BeaconInterface.best(List.of(docker, virbr), Optional.empty())).as("only bridges: the first").contains(virbr);
        assertThat(BeaconInterface.best(List.of(), Optional.of("eth0"))).isEmpty();
    }

    @Test
    void anAddressOfNoInterfaceIsRefusedWithTheAddressNamed() throws Exception {
        BeaconConfig config = BeaconConfig.lan().withInterface(InetAddress.getByName("203.0.113.77"));
        assertThatThrownBy(() -> BeaconInterface.resolve(config))
                .hasMessageContaining("203.0.113.77");
    }

    @Test
    void anInterfaceGivenByNameIsFoundAtItsIpv4Address() throws Exception {
        String lo = NetworkInterface.getByInetAddress(InetAddress.getByName("127.0.0.1")).getName();
        BeaconInterface found = BeaconInterface.resolve(BeaconConfig.loopback().withInterfaceName(lo));
        assertThat(found).isEqualTo(BeaconInterface.resolve(BeaconConfig.loopback()));
        assertThatThrownBy(() -> BeaconInterface.resolve(BeaconConfig.lan().withInterfaceName("peerchat9")))
                .hasMessage("no interface named peerchat9");
    }

    @Test
    void anInterfaceGoneSinceItWasFoundIsAClearErrorWhenItIsWanted() throws Exception {
        NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getByName("127.0.0.1"));
        // lo's index under another name: what a device re-plugged under a new index leaves behind
        assertThatThrownBy(() -> new BeaconInterface("peerchat0", lo.getIndex(), v4("10.77.0.1"), 24).nic())
                .hasMessageContaining("interface peerchat0 is gone");
        assertThatThrownBy(() -> new BeaconInterface("peerchat0", Integer.MAX_VALUE, v4("10.77.0.1"), 24).nic())
                .hasMessageContaining("interface peerchat0 is gone");
    }

    private static Inet4Address v4(String address) throws Exception {
        return (Inet4Address) InetAddress.getByName(address);
    }
}

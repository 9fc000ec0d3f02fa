package peerchat.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BeaconConfigTest {

    @Test
    void lanMulticastsOnTheLinkOnly() {
        BeaconConfig lan = BeaconConfig.lan();
        assertThat(lan.mode()).isEqualTo(BeaconMode.MULTICAST);
        assertThat(lan.destination().isMulticastAddress()).isTrue();
        assertThat(lan.multicastTtl()).isEqualTo(1);
        assertThat(lan.interfaceAddress().isAnyLocalAddress()).isTrue();
        // a few beacons between two looks for the interface: a moved laptop is heard again in seconds
        assertThat(lan.interfaceCheck()).isGreaterThan(lan.interval()).isLessThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void loopbackNeverLeaves127Slash8() {
        BeaconConfig loopback = BeaconConfig.loopback();
        assertThat(loopback.interfaceAddress().isLoopbackAddress()).isTrue();
        assertThat(loopback.destination().getAddress()[0]).isEqualTo((byte) 127);
        assertThat(loopback.destination().getHostAddress()).isEqualTo("127.255.255.255");
    }

    @Test
    void withersChangeOneThing() throws Exception {
        InetAddress address = InetAddress.getByName("127.0.0.7");
        BeaconConfig changed = BeaconConfig.loopback().withInterface(address).withPort(40000)
                .withInterval(Duration.ofSeconds(1)).withDedupWindow(Duration.ZERO).withMulticastTtl(3)
                .withInterfaceCheck(Duration.ofSeconds(9));
        assertThat(changed).isEqualTo(new BeaconConfig(BeaconMode.BROADCAST, address, null,
                BeaconConfig.LOOPBACK_BROADCAST, 40000, Duration.ofSeconds(1), Duration.ZERO, 3,
                Duration.ofSeconds(9)));
        // by name, then by address: whichever was given last is the choice
        BeaconConfig named = BeaconConfig.lan().withInterface(address).withInterfaceName("wlan0").withPort(40000);
        assertThat(named.interfaceName()).isEqualTo("wlan0");
        assertThat(named.interfaceAddress().isAnyLocalAddress()).isTrue();
        assertThat(named.withInterface(address).interfaceName()).isNull();
        assertThat(BeaconConfig.lan().broadcast(BeaconConfig.LIMITED_BROADCAST).mode())
                .isEqualTo(BeaconMode.BROADCAST);
        assertThat(BeaconConfig.loopback().multicast(BeaconConfig.DEFAULT_GROUP).mode())
                .isEqualTo(BeaconMode.MULTICAST);
    }

    @Test
    void refusesNonsense() throws Exception {
        BeaconConfig lan = BeaconConfig.lan();
        assertThatThrownBy(() -> lan.multicast(InetAddress.getByName("198.51.100.255")))
                .hasMessageContaining("not a multicast group");
        assertThatThrownBy(() -> lan.broadcast(BeaconConfig.DEFAULT_GROUP))
                .hasMessageContaining("not a broadcast address");
        assertThatThrownBy(() -> lan.withInterface(InetAddress.getByName("::1")))
                .hasMessageContaining("IPv4 only");
        assertThatThrownBy(() -> lan.withPort(0)).hasMessageContaining("port");
        assertThatThrownBy(() -> lan.withPort(65536)).hasMessageContaining("port");
        assertThatThrownBy(() -> lan.withInterval(Duration.ZERO)).hasMessageContaining("interval");
        assertThatThrownBy(() -> lan.withDedupWindow(Duration.ofSeconds(-1))).hasMessageContaining("dedupWindow");
        assertThatThrownBy(() -> lan.withMulticastTtl(256)).hasMessageContaining("multicastTtl");
        assertThatThrownBy(() -> lan.withInterfaceCheck(Duration.ZERO)).hasMessageContaining("interfaceCheck");
    }
}

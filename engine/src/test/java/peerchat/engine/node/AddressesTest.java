package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void aNodeOnEveryInterfaceIsShownAtItsLanAddressElseLoopbacksNeverAtTheWildcard() throws Exception {
        Optional<Inet4Address> lan = Optional.of((Inet4Address) InetAddress.getByName("127.0.77.1"));
        InetSocketAddress v4Any = new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 7117);
        InetSocketAddress v6Any = new InetSocketAddress(InetAddress.getByName("::"), 7118);
        assertThat(Addresses.reachable(v4Any, () -> lan)).isEqualTo("127.0.77.1:7117");
        assertThat(Addresses.reachable(v6Any, () -> lan)).as("how Java reports 0.0.0.0 on a dual-stack socket").isEqualTo("127.0.77.1:7118");
        assertThat(Addresses.reachable(v4Any, Optional::empty)).isEqualTo("127.0.0.1:7117");
        assertThat(Addresses.reachable(new InetSocketAddress(InetAddress.getByName("127.0.0.5"), 7200), () -> lan))
                .as("a node bound to one address is shown there").isEqualTo("127.0.0.5:7200");
    }

    @Test
    void addressesReadAsFlagsWriteThem() {
        assertThat(Addresses.parse("127.0.0.5:7200", 7117)).isEqualTo(new InetSocketAddress("127.0.0.5", 7200));
        assertThat(Addresses.parse("127.0.0.5", 7117).getPort()).isEqualTo(7117);
        assertThat(Addresses.text(new InetSocketAddress("127.0.0.5", 7200))).isEqualTo("127.0.0.5:7200");
    }
}

package peerchat.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision alone: what the beacon is bound to, what a look found, what to do. */
class InterfaceChangeTest {
    private static final Optional<BeaconInterface> NONE = Optional.empty();
    // values only, nothing is bound or sent to; loopback addresses all the same, as every test here
    private static final Optional<BeaconInterface> WLAN = Optional.of(iface("wlan0", 3, "127.1.1.20", 24));

    @Test
    void nothingBoundAndNothingFoundIsStillWaiting() {
        assertThat(InterfaceChange.between(NONE, NONE)).isEqualTo(InterfaceChange.NONE);
    }

    @Test
    void anInterfaceAfterNoneIsBound() {
        InterfaceChange change = InterfaceChange.between(NONE, WLAN);
        assertThat(change).isEqualTo(InterfaceChange.APPEARED);
        assertThat(change.binds()).isTrue();
        assertThat(change.unbinds()).isFalse();
    }

    @Test
    void theSameInterfaceFoundAgainIsKept() {
        // a new look builds a new value: equal, not the same object
        assertThat(InterfaceChange.between(WLAN, Optional.of(iface("wlan0", 3, "127.1.1.20", 24))))
                .isEqualTo(InterfaceChange.NONE);
    }

    @Test
    void aNewAddressOnTheSameInterfaceMovesTheSockets() {
        InterfaceChange change = InterfaceChange.between(WLAN, Optional.of(iface("wlan0", 3, "127.5.0.7", 24)));
        assertThat(change).isEqualTo(InterfaceChange.MOVED);
        assertThat(change.unbinds()).isTrue();
        assertThat(change.binds()).isTrue();
    }

    @Test
    void anotherInterfaceMovesTheSockets() {
        assertThat(InterfaceChange.between(WLAN, Optional.of(iface("eth0", 2, "127.1.1.20", 24))))
                .isEqualTo(InterfaceChange.MOVED);
    }

    @Test
    void theSameNameAndAddressOnANewDeviceMovesTheSockets() {
        // a USB adapter plugged back: its group memberships went with the old device
        assertThat(InterfaceChange.between(WLAN, Optional.of(iface("wlan0", 7, "127.1.1.20", 24))))
                .isEqualTo(InterfaceChange.MOVED);
    }

    @Test
    void anotherSubnetOfTheSameAddressMovesTheSockets() {
        // the broadcast receiver filters by subnet
        assertThat(InterfaceChange.between(WLAN, Optional.of(iface("wlan0", 3, "127.1.1.20", 16))))
                .isEqualTo(InterfaceChange.MOVED);
    }

    @Test
    void noInterfaceAnyMoreLetsTheSocketsGoAndWaits() {
        InterfaceChange change = InterfaceChange.between(WLAN, NONE);
        assertThat(change).isEqualTo(InterfaceChange.LOST);
        assertThat(change.unbinds()).isTrue();
        assertThat(change.binds()).isFalse();
    }

    @Test
    void keepingOrWaitingTouchesNoSocket() {
        assertThat(InterfaceChange.NONE.binds()).isFalse();
        assertThat(InterfaceChange.NONE.unbinds()).isFalse();
    }

    private static BeaconInterface iface(String name, int index, String address, int prefix) {
        try {
            return new BeaconInterface(name, index, (Inet4Address) InetAddress.getByName(address), prefix);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}

package peerchat.engine.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefaultRouteTest {
    private static final String HEADER = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";

    @Test
    void theDefaultRouteWithTheLowestMetricNamesTheLanInterface() {
        String table = HEADER
                + "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n"
                + "wlan0\t00000000\t0101007F\t0003\t0\t0\t600\t00000000\t0\t0\t0\n"
                + "eth0\t00000000\t0101007F\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
                + "eth0\t0000007F\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n";
        assertThat(DefaultRoute.interfaceName(table)).contains("eth0");
    }

    @Test
    void noDefaultRouteOrOneThatIsDownOrGarbageNamesNone() {
        assertThat(DefaultRoute.interfaceName(HEADER + "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n")).isEmpty();
        assertThat(DefaultRoute.interfaceName(HEADER + "eth0\t00000000\t0101007F\t0002\t0\t0\t0\t00000000\t0\t0\t0\n")).isEmpty();
        assertThat(DefaultRoute.interfaceName("")).isEmpty();
        assertThat(DefaultRoute.interfaceName("eth0 zz yy xx 0 0 0 00000000\nshort line\n")).isEmpty();
    }

    @Test
    void readingThisHostsTableNeverFails() {
        assertThat(DefaultRoute.interfaceName()).isNotNull();
    }
}

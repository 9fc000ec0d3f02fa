package peerchat.ui.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {
    @Test
    void readsHostAndPort() {
        assertThat(HostPort.parse("127.0.0.2:7200")).isEqualTo(new HostPort("127.0.0.2", 7200));
        assertThat(HostPort.parse("example.org:1")).isEqualTo(new HostPort("example.org", 1));
        assertThat(HostPort.parse(" 10.0.0.4:0 ")).isEqualTo(new HostPort("10.0.0.4", 0));
    }

    @Test
    void eitherHalfMayBeLeftOut() {
        assertThat(HostPort.parse("10.0.0.4")).isEqualTo(new HostPort("10.0.0.4", HostPort.NO_PORT));
        assertThat(HostPort.parse(":7118")).isEqualTo(new HostPort("", 7118));
        assertThat(HostPort.parse("10.0.0.4").withDefaults("0.0.0.0", 7117)).isEqualTo(new HostPort("10.0.0.4", 7117));
        assertThat(HostPort.parse(":9").withDefaults("0.0.0.0", 7117)).isEqualTo(new HostPort("0.0.0.0", 9));
    }

    @Test
    void ipv6IsBracketed() {
        assertThat(HostPort.parse("[::1]:7117")).isEqualTo(new HostPort("::1", 7117));
        assertThat(HostPort.parse("[::1]")).isEqualTo(new HostPort("::1", HostPort.NO_PORT));
        assertThat(new HostPort("::1", 7117)).hasToString("[::1]:7117");
    }

    @Test
    void badAddressesSayWhatIsWrong() {
        assertThatThrownBy(() -> HostPort.parse("host:port")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> HostPort.parse("host:70000")).hasMessageContaining("0-65535");
        assertThatThrownBy(() -> HostPort.parse("host:-1")).hasMessageContaining("0-65535");
        assertThatThrownBy(() -> HostPort.parse("::1:7117")).hasMessageContaining("[ADDR]:PORT");
        assertThatThrownBy(() -> HostPort.parse("[::1")).hasMessageContaining("']'");
        assertThatThrownBy(() -> HostPort.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> HostPort.parse("a b:1")).hasMessageContaining("spaces");
    }
}

package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Why a link ended, as a user reads it in "bob went offline (...)". */
class LinkEndReasonTest {

    @Test
    void aFailedSystemCallOfTheNativeTransportIsSaidByItsErrnoText() {
        assertThat(LinkSession.reasonOf(new IOException("recvAddress(..) failed with error(-104): Connection reset by peer")))
                .isEqualTo("connection reset by peer");
        assertThat(LinkSession.reasonOf(new IOException("writevAddresses(..) failed: Broken pipe"))).isEqualTo("broken pipe");
    }

    @Test
    void otherErrorsKeepTheirMessage() {
        assertThat(LinkSession.reasonOf(new IOException("Connection timed out"))).isEqualTo("connection error: Connection timed out");
        assertThat(LinkSession.reasonOf(new ProtocolException("frame of 99999999 bytes"))).isEqualTo("frame of 99999999 bytes");
    }
}

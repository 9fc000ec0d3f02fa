package peerchat.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

/** Why a node cannot listen, in words a user can act on: the JDK's own often name only the exception. */
class BindFailureTest {
    @Test
    void eachReasonIsSaidInWords() {
        // QA: --listen nohost:7117 said "java.nio.channels.UnresolvedAddressException".
        assertThat(Network.bindFailure(new IllegalStateException("bind", new UnresolvedAddressException())))
                .isEqualTo("no such host (not an address of this machine, nor a name it can resolve)");
        assertThat(Network.bindFailure(new BindException("Cannot assign requested address")))
                .isEqualTo("not an address of this machine (--listen takes one of its own, or 0.0.0.0 for all)");
        assertThat(Network.bindFailure(new BindException("Address already in use")))
                .startsWith("the address is in use");
        assertThat(Network.bindFailure(new BindException("Permission denied"))).isEqualTo("Permission denied");
    }
}

package peerchat.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import org.junit.jupiter.api.Test;

class LinkTlsTest {
    @Test
    void aCertificateIsMadeInMemorySelfSignedAndNewEachTime() throws Exception {
        EphemeralCertificate one = EphemeralCertificate.create(new SecureRandom());
        EphemeralCertificate two = EphemeralCertificate.create(new SecureRandom());
        one.certificate().verify(one.certificate().getPublicKey());
        one.certificate().checkValidity();
        assertThat(one.certificate().getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(one.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=peerchat");
        assertThat(LinkTls.fingerprint(one.certificate())).hasSize(32)
                .isNotEqualTo(LinkTls.fingerprint(two.certificate()));
        assertThat(one.certificate().getSerialNumber()).isNotEqualTo(two.certificate().getSerialNumber());
    }

    @Test
    void theJvmsTlsIsMadeOnceInTheBackground() {
        assertThat(LinkTls.prepare()).isSameAs(LinkTls.prepare());
        assertThat(LinkTls.shared()).isSameAs(LinkTls.shared());
        assertThat(LinkTls.shared().ownFingerprint()).hasSize(32);
    }

    /** The native BoringSSL shipped for this platform loads (else links fall back to the JDK's slower engine). */
    @Test
    void boringSslIsUsedOnLinuxX8664() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64"),
                "BoringSSL is checked on Linux x86-64 only");
        assertThat(LinkTls.shared().provider()).isEqualTo("OPENSSL");
    }
}

package peerchat.engine.net;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** A TLS 1.3 context on the JDK's sockets with a certificate of its own, taking any certificate, as a node does. */
final class TestTls {
    private TestTls() {
    }

    static SSLContext context(EphemeralCertificate cert) throws IOException {
        try {
            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("link", cert.key(), password, new Certificate[] {cert.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            SSLContext ctx = SSLContext.getInstance("TLSv1.3");
            ctx.init(kmf.getKeyManagers(), new TrustManager[] {LinkTls.AnyCertificate.INSTANCE}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}

package peerchat.engine.net;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Every link is TLS 1.3, so that nobody on the LAN reads or alters what two nodes say. The
 * certificates are this run's {@link EphemeralCertificate}s and are taken as they come: a
 * certificate says nothing about who a peer is. What binds the encrypted channel to the peer's
 * identity is the key proof, which signs both ends' certificate fingerprints: a man in the middle
 * runs two TLS sessions with certificates of its own, and the proofs it relays then name
 * certificates the other end never saw.
 */
final class LinkTls {
    private static final String[] PROTOCOLS = {"TLSv1.3"};
    /**
     * The in-memory key store Netty passes this run's key through on its way to the TLS engine.
     * Not the JDK's default, PKCS12, which protects the key it holds with 10,000 rounds of
     * PBKDF2 when it is put in and again when it is taken out, for each of the two contexts: some
     * 7% of a node's CPU time to start and stop (2.82 s to 2.62 s measured), for a key that never
     * leaves memory and dies with the process.
     */
    private static final String KEY_STORE = "JKS";

    /**
     * One per JVM, made on a thread of its own from the first {@link #prepare()}: loading the TLS
     * implementation (asking whether BoringSSL loads is most of it) and building its contexts takes
     * about half a second, which a node starting overlaps with reading its log instead of adding it
     * to its start. Nodes sharing a JVM (tests, benchmarks) share the certificate; each one's key
     * proof still names it.
     */
    private static final class Shared {
        static final CompletableFuture<LinkTls> TLS = CompletableFuture.supplyAsync(() -> new LinkTls(new SecureRandom()), task -> {
            Thread maker = new Thread(task, "link-tls");
            maker.setDaemon(true);
            maker.start();
        });
    }

    /** BoringSSL where its native library loads (it is shipped for the common platforms), else the JDK's engine. */
    private final SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    private final EphemeralCertificate own;
    private final byte[] ownFingerprint;
    private final SslContext server;
    private final SslContext client;

    LinkTls(SecureRandom random) {
        own = EphemeralCertificate.create(random);
        ownFingerprint = fingerprint(own.certificate());
        try {
            server = SslContextBuilder.forServer(own.key(), own.certificate())
                    .sslProvider(provider)
                    .protocols(PROTOCOLS)
                    .clientAuth(ClientAuth.REQUIRE)
                    .trustManager(AnyCertificate.INSTANCE)
                    .keyStoreType(KEY_STORE)
                    .build();
            client = SslContextBuilder.forClient()
                    .sslProvider(provider)
                    .protocols(PROTOCOLS)
                    .keyManager(own.key(), own.certificate())
                    .trustManager(AnyCertificate.INSTANCE)
                    .endpointIdentificationAlgorithm(null) // a peer is an address, not a host name
                    .keyStoreType(KEY_STORE)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for links: " + e, e);
        }
    }

    /** Starts making this JVM's TLS material in the background, if nothing has yet. Any thread; returns at once. */
    static CompletableFuture<LinkTls> prepare() {
        return Shared.TLS;
    }

    /** This JVM's TLS material, waiting for it if it is still being made. */
    static LinkTls shared() {
        try {
            return prepare().join();
        } catch (CompletionException e) {
            throw new IllegalStateException("cannot set up TLS for links: " + e.getCause(), e.getCause());
        }
    }

    /** The handler nearest the socket of a new connection: the dialer is the TLS client. */
    SslHandler handler(ByteBufAllocator alloc, boolean dialer) {
        return (dialer ? client : server).newHandler(alloc);
    }

    /** Which TLS implementation the links use here. */
    String provider() {
        return provider.name();
    }

    byte[] ownFingerprint() {
        return ownFingerprint.clone();
    }

    /** The fingerprint of the certificate the other end of {@code ch} presented; the handshake must be over. */
    static byte[] peerFingerprint(Channel ch) {
        SslHandler tls = ch.pipeline().get(SslHandler.class);
        if (tls == null) {
            throw new ProtocolException("connection without TLS");
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return fingerprint(chain[0]);
        } catch (SSLPeerUnverifiedException e) {
            throw new ProtocolException("no TLS certificate from the peer");
        }
    }

    /** SHA-256 of the certificate's encoding. */
    static byte[] fingerprint(Certificate c) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint a certificate: " + e, e);
        }
    }

    /**
     * Takes any certificate, as long as there is one: see the class comment for why that is safe
     * here. An extended trust manager, so that the JDK does not add host name checks of its own.
     */
    static final class AnyCertificate extends X509ExtendedTrustManager {
        static final AnyCertificate INSTANCE = new AnyCertificate();

        private static void present(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no certificate");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            present(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            present(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            present(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            present(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            present(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            present(chain);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

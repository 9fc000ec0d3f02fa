package peerchat.engine.net;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A P-256 key and a self-signed X.509 certificate for it, made in memory for one run of a node: TLS
 * 1.3 needs a certificate, but nobody checks it against an authority. Who is at the other end is
 * proven by the node's Ed25519 key proof, which signs this certificate's fingerprint (see
 * {@link Handshake#proofData}). A new one per run, never written to disk.
 *
 * <p>Written by hand (about as long as this comment) because the JDK has no public API to make a
 * certificate: Netty's {@code SelfSignedCertificate} is deprecated and writes the private key to
 * temporary files, and Bouncy Castle would be 9 MB of jars for these forty bytes of structure.
 */
record EphemeralCertificate(PrivateKey key, X509Certificate certificate) {
    // ecdsa-with-SHA256 (1.2.840.10045.4.3.2) and commonName (2.5.4.3), DER-encoded.
    private static final byte[] ECDSA_SHA256 = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02};
    private static final byte[] COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

    static EphemeralCertificate create(SecureRandom random) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = gen.generateKeyPair();
            byte[] algorithm = sequence(ECDSA_SHA256);
            byte[] name = sequence(set(sequence(COMMON_NAME, tlv(0x0c, "peerchat".getBytes(StandardCharsets.UTF_8)))));
            // A day either side of now: clocks on a LAN disagree, and nobody checks the dates anyway.
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            byte[] validity = sequence(utcTime(now.minusDays(1)), utcTime(now.plusYears(1)));
            byte[] serial = new byte[16];
            random.nextBytes(serial);
            byte[] tbs = sequence(
                    tlv(0xa0, tlv(0x02, new byte[] {2})), // [0] version: v3
                    tlv(0x02, new BigInteger(1, serial).toByteArray()),
                    algorithm, name, validity, name,
                    pair.getPublic().getEncoded()); // already a SubjectPublicKeyInfo
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate(), random);
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bits = new byte[signature.length + 1]; // a BIT STRING's first byte: no unused bits
            System.arraycopy(signature, 0, bits, 1, signature.length);
            byte[] der = sequence(tbs, algorithm, tlv(0x03, bits));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            cert.verify(pair.getPublic()); // what was written is what a peer will parse
            return new EphemeralCertificate(pair.getPrivate(), cert);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the link certificate: " + e, e);
        }
    }

    private static byte[] utcTime(ZonedDateTime t) {
        return tlv(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sequence(byte[]... parts) {
        return tlv(0x30, parts);
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, parts);
    }

    /** Tag, definite length, contents (DER). */
    private static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        int n = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 4);
        out.write(tag);
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}

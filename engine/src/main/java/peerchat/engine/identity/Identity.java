package peerchat.engine.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import peerchat.store.event.NodeId;

/**
 * A node's permanent identity: an Ed25519 key pair kept in the data directory. The node id is
 * derived from the public key, so a peer that proves it holds the private key cannot claim
 * another node's id. The display name is not part of it: the node stores that itself.
 */
public final class Identity {
    /** The key file inside the data directory; owner-only permissions where the file system has them. */
    public static final String KEY_FILE = "identity.key";
    private static final String ALGORITHM = "Ed25519";

    private final NodeId id;
    private final byte[] publicKey;
    private final PrivateKey privateKey;

    private Identity(byte[] publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey.clone();
        this.privateKey = privateKey;
        this.id = idOf(publicKey);
    }

    /** A fresh identity held only in memory: for benchmarks and tests that need no restart. */
    public static Identity generate() {
        KeyPair pair = newKeyPair();
        return new Identity(pair.getPublic().getEncoded(), pair.getPrivate());
    }

    /**
     * The identity stored in {@code dataDir}, created there on first use. The same directory
     * always yields the same identity; a damaged key file is an error, never silently replaced
     * (that would change who this node is).
     */
    public static Identity loadOrCreate(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve(KEY_FILE);
            if (!Files.exists(file)) {
                create(file);
            }
            return load(file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UncheckedIOException("the identity key " + dataDir.resolve(KEY_FILE) + " is damaged (not the text of a key file);"
                    + " it is left as it is: this node's identity is that key (restore it, or move it away to start as a new identity)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the identity in " + dataDir + ": " + e, e);
        }
    }

    private static void create(Path file) throws IOException {
        KeyPair pair = newKeyPair();
        Properties p = new Properties();
        p.setProperty("algorithm", ALGORITHM);
        p.setProperty("public", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        p.setProperty("private", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        try (var out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(out, "peerchat node identity: keep private, do not edit");
        }
        try {
            // A crash mid-write must never leave a half key file that would later be rejected.
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp); // another process created it first: use theirs
        }
    }

    private static Identity load(Path file) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        String pub = p.getProperty("public");
        String priv = p.getProperty("private");
        if (!ALGORITHM.equals(p.getProperty("algorithm")) || pub == null || priv == null) {
            throw new IllegalStateException("identity file " + file + " is damaged (missing algorithm or keys)");
        }
        try {
            byte[] publicKey = Base64.getDecoder().decode(pub);
            KeyFactory kf = KeyFactory.getInstance(ALGORITHM);
            kf.generatePublic(new X509EncodedKeySpec(publicKey));
            PrivateKey privateKey = kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(priv)));
            Identity identity = new Identity(publicKey, privateKey);
            byte[] probe = "peerchat identity self-check".getBytes(StandardCharsets.UTF_8);
            if (!verify(publicKey, probe, identity.sign(probe))) {
                throw new IllegalStateException("identity file " + file + " holds keys that do not belong together");
            }
            return identity;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("identity file " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no Ed25519 (a trimmed runtime needs jdk.crypto.ec)", e);
        }
    }

    public NodeId id() {
        return id;
    }

    /** The public key in X.509 encoding: what handshakes carry and {@link #idOf} hashes. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey);
    }

    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /** True only if {@code signature} is a valid Ed25519 signature of {@code data} by {@code publicKey}; never throws on bad input. */
    public static boolean verify(byte[] publicKey, byte[] data, byte[] signature) {
        if (publicKey == null || data == null || signature == null) {
            return false;
        }
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(publicKey));
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Lowercase hex of the first 16 bytes of SHA-256 over the X.509 public key. */
    public static NodeId idOf(byte[] publicKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(publicKey);
            return new NodeId(HexFormat.of().formatHex(hash, 0, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    /** True if {@code publicKey} parses as an Ed25519 X.509 key (handshakes check before trusting it). */
    public static boolean isPublicKey(byte[] publicKey) {
        try {
            KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(publicKey));
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "Identity[" + id + "]";
    }
}

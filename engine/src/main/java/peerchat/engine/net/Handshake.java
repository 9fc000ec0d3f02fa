package peerchat.engine.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import peerchat.engine.identity.Identity;
import peerchat.store.event.NodeId;

/** The checks and bytes of the handshake, apart from the connection that runs it. */
final class Handshake {
    /** IP literals only: a name would need a DNS lookup, which must not happen on an event loop. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]{7,15}|[0-9a-fA-F:.]{2,45}");

    private Handshake() {
    }

    /** The id a HELLO claims, once it is well formed and matches the key it carries. */
    static NodeId checkHello(Frame.Hello h) {
        NodeId id = nodeId(h.id());
        if (h.publicKey() == null || !Identity.isPublicKey(h.publicKey())) {
            throw new ProtocolException("HELLO without a valid Ed25519 public key");
        }
        if (!Identity.idOf(h.publicKey()).equals(id)) {
            throw new ProtocolException("HELLO claims id " + id + " which does not belong to its public key");
        }
        if (h.nonce() == null || h.nonce().length != WireConstants.NONCE_BYTES) {
            throw new ProtocolException("HELLO nonce must be " + WireConstants.NONCE_BYTES + " bytes");
        }
        name(h.name());
        if (h.peers() != null && h.peers().size() > WireConstants.MAX_GOSSIP_PEERS) {
            throw new ProtocolException("flooding: HELLO lists " + h.peers().size() + " peers");
        }
        return id;
    }

    static NodeId nodeId(String text) {
        try {
            return new NodeId(text);
        } catch (RuntimeException e) {
            throw new ProtocolException("malformed node id " + abbreviate(text));
        }
    }

    static String name(String name) {
        if (name == null || name.length() > WireConstants.MAX_NAME_CHARS) {
            throw new ProtocolException("missing or overlong display name");
        }
        return name;
    }

    /**
     * Where a peer says it listens. An unspecified host (it listens on all interfaces) means "the
     * address you see me at", with the advertised port.
     */
    static InetSocketAddress address(String host, int port, InetSocketAddress seenAt) {
        if (host == null || !IP_LITERAL.matcher(host).matches() || port < 1 || port > 65535) {
            throw new ProtocolException("bad advertised address " + abbreviate(host) + ":" + port);
        }
        try {
            InetAddress a = InetAddress.getByName(host);
            if (a.isAnyLocalAddress() && seenAt != null) {
                a = seenAt.getAddress();
            }
            return new InetSocketAddress(a, port);
        } catch (UnknownHostException e) {
            throw new ProtocolException("bad advertised address " + abbreviate(host));
        }
    }

    /**
     * What the key proof signs: context, the verifier's nonce, signer and verifier ids, then the
     * fingerprints of the TLS certificates the signer holds and sees at the other end. The last two
     * tie the proof to this TLS session: relayed through a man in the middle, they name
     * certificates the verifier did not see (see {@link LinkTls}).
     */
    static byte[] proofData(byte[] nonce, NodeId signer, NodeId verifier, byte[] signerCert, byte[] verifierCert) {
        byte[] ctx = WireConstants.PROOF_CONTEXT.getBytes(StandardCharsets.US_ASCII);
        byte[] a = signer.value().getBytes(StandardCharsets.US_ASCII);
        byte[] b = verifier.value().getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(ctx.length + nonce.length + a.length + b.length + 2 + signerCert.length + verifierCert.length)
                .put(ctx).put(nonce).put(a).put((byte) 0).put(b).put((byte) 0).put(signerCert).put(verifierCert).array();
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}

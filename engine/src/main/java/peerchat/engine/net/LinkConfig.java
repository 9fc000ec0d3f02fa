package peerchat.engine.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How the links behave. Immutable; start from a preset and adjust with the {@code with*} methods.
 *
 * @param name display name sent in handshakes
 * @param listen where to listen (port 0 = any free port)
 * @param advertised the address peers are told to dial, or null for the bound one
 * @param outboundBufferMessages per-peer live buffer; beyond it messages come from the journal
 * @param inboundPrefetch frames read ahead of the journal per peer (bounded inbound)
 * @param controlFramesPerSecond HEARTBEAT/GOSSIP/HELLO/PROOF frames a peer may send per second (twice that in a burst) before it counts as flooding
 * @param maxSeqWindow how far above its acked prefix a peer may number a message
 */
public record LinkConfig(String name, InetSocketAddress listen, InetSocketAddress advertised,
                         Duration heartbeatInterval, Duration heartbeatTimeout, Duration handshakeTimeout,
                         Duration gossipInterval, Duration tick, Duration backoffMin, Duration backoffMax,
                         Duration connectTimeout, int maxFrameBytes, int outboundBufferMessages,
                         int inboundPrefetch, int controlFramesPerSecond, long maxSeqWindow) {
    public LinkConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listen, "listen");
        if (maxFrameBytes < 64 || maxFrameBytes > WireConstants.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be in 64.." + WireConstants.MAX_FRAME_BYTES);
        }
        if (outboundBufferMessages < 1 || inboundPrefetch < 1 || controlFramesPerSecond < 1 || maxSeqWindow < 1) {
            throw new IllegalArgumentException("buffer sizes and limits must be positive");
        }
        if (heartbeatTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("heartbeatTimeout must be at least two heartbeat intervals");
        }
    }

    /** A LAN: heartbeats every second, a peer is down after 5 s of silence. */
    public static LinkConfig lan() {
        return new LinkConfig("node", new InetSocketAddress("0.0.0.0", 7117), null,
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofMillis(250), Duration.ofMillis(250), Duration.ofSeconds(30),
                Duration.ofSeconds(5), WireConstants.MAX_FRAME_BYTES, 8192, 64, 200, 1 << 20);
    }

    /** Tests on loopback: short intervals so presence and healing are observed in well under a second. */
    public static LinkConfig loopbackTest() {
        return new LinkConfig("node", new InetSocketAddress("127.0.0.1", 0), null,
                Duration.ofMillis(100), Duration.ofMillis(1500), Duration.ofSeconds(3),
                Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(500),
                Duration.ofSeconds(2), WireConstants.MAX_FRAME_BYTES, 8192, 64, 200, 1 << 20);
    }

    public LinkConfig withName(String n) {
        return new LinkConfig(n, listen, advertised, heartbeatInterval, heartbeatTimeout, handshakeTimeout,
                gossipInterval, tick, backoffMin, backoffMax, connectTimeout, maxFrameBytes,
                outboundBufferMessages, inboundPrefetch, controlFramesPerSecond, maxSeqWindow);
    }

    public LinkConfig withListen(InetSocketAddress l) {
        return new LinkConfig(name, l, advertised, heartbeatInterval, heartbeatTimeout, handshakeTimeout,
                gossipInterval, tick, backoffMin, backoffMax, connectTimeout, maxFrameBytes,
                outboundBufferMessages, inboundPrefetch, controlFramesPerSecond, maxSeqWindow);
    }

    public LinkConfig withAdvertised(InetSocketAddress a) {
        return new LinkConfig(name, listen, a, heartbeatInterval, heartbeatTimeout, handshakeTimeout,
                gossipInterval, tick, backoffMin, backoffMax, connectTimeout, maxFrameBytes,
                outboundBufferMessages, inboundPrefetch, controlFramesPerSecond, maxSeqWindow);
    }

    public LinkConfig withOutboundBufferMessages(int n) {
        return new LinkConfig(name, listen, advertised, heartbeatInterval, heartbeatTimeout, handshakeTimeout,
                gossipInterval, tick, backoffMin, backoffMax, connectTimeout, maxFrameBytes,
                n, inboundPrefetch, controlFramesPerSecond, maxSeqWindow);
    }

    public LinkConfig withHeartbeat(Duration interval, Duration timeout) {
        return new LinkConfig(name, listen, advertised, interval, timeout, handshakeTimeout,
                gossipInterval, tick, backoffMin, backoffMax, connectTimeout, maxFrameBytes,
                outboundBufferMessages, inboundPrefetch, controlFramesPerSecond, maxSeqWindow);
    }
}

package peerchat.engine.node;

import peerchat.engine.api.Node;
import peerchat.engine.api.NodeConfig;
import reactor.core.publisher.Mono;

/** The node: wires identity, store, causal core, links and discovery behind {@link Node}. */
public final class PeerNode {
    private PeerNode() {
    }

    public static Mono<Node> start(NodeConfig config) {
        return Mono.error(new UnsupportedOperationException("the node is being built (issue 5)"));
    }
}

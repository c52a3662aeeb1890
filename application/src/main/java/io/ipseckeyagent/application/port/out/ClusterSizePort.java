package io.ipseckeyagent.application.port.out;

import java.util.concurrent.CompletionStage;

/**
 * How many nodes the cluster has now, counted when asked, without keeping a view of every node
 * (relay mode's {@code auto} jitter maximum). Remote and slow, so asynchronous; one call is one
 * count, never retried by the adapter.
 */
public interface ClusterSizePort {

    /** Counts the nodes; completes with a result, never exceptionally. */
    CompletionStage<NodeCount> nodeCount();

    /** What a count found. */
    sealed interface NodeCount {
        /** {@code nodes} nodes, as the server reported at the time of asking. */
        record Counted(int nodes) implements NodeCount {
            public Counted {
                if (nodes < 0) {
                    throw new IllegalArgumentException("a node count is not negative, was " + nodes);
                }
            }
        }

        /** The count failed; {@code reason} says why, as for a publish. */
        record Failed(String reason) implements NodeCount {}
    }
}

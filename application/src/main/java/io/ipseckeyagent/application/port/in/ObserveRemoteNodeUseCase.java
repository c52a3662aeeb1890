package io.ipseckeyagent.application.port.in;

import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;

/**
 * Called by a cluster watcher when another node's published key id changed (Cilium's "Node
 * updated"). Not called for resyncs or for changes to fields the agent does not use.
 */
public interface ObserveRemoteNodeUseCase {
    /** {@code spi} is empty when the node publishes no key. */
    void remoteNodeKeyChanged(NodeName node, Option<Spi> spi);

    void remoteNodeRemoved(NodeName node);
}

package io.ipseckeyagent.application.port.out;

import io.ipseckeyagent.domain.key.NodeName;
import io.vavr.collection.SortedSet;

/** The nodes of the cluster as far as this agent knows them now (for the {@code rank} jitter policy). */
public interface ClusterViewPort {
    SortedSet<NodeName> knownNodes();
}

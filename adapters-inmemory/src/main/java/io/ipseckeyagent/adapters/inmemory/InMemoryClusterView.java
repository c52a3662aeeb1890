package io.ipseckeyagent.adapters.inmemory;

import io.ipseckeyagent.application.port.out.ClusterViewPort;
import io.ipseckeyagent.domain.key.NodeName;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;

/** A cluster view that knows exactly the nodes a test gives it. */
public final class InMemoryClusterView implements ClusterViewPort {
    private volatile SortedSet<NodeName> nodes;

    public InMemoryClusterView(SortedSet<NodeName> nodes) {
        this.nodes = nodes;
    }

    public static InMemoryClusterView empty() {
        return new InMemoryClusterView(TreeSet.empty());
    }

    public void set(SortedSet<NodeName> known) {
        nodes = known;
    }

    @Override
    public SortedSet<NodeName> knownNodes() {
        return nodes;
    }
}

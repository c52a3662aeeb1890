package io.ipseckeyagent.application.testing;

import io.ipseckeyagent.application.port.out.ClusterViewPort;
import io.ipseckeyagent.domain.key.NodeName;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;

/** A cluster view that knows exactly the nodes a test gives it. */
public final class FakeClusterView implements ClusterViewPort {
    private volatile SortedSet<NodeName> nodes;

    public FakeClusterView(SortedSet<NodeName> nodes) {
        this.nodes = nodes;
    }

    public static FakeClusterView empty() {
        return new FakeClusterView(TreeSet.empty());
    }

    public void set(SortedSet<NodeName> known) {
        nodes = known;
    }

    @Override
    public SortedSet<NodeName> knownNodes() {
        return nodes;
    }
}

package io.ipseckeyagent.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.ClusterViewPort;
import io.ipseckeyagent.domain.key.NodeName;
import io.vavr.collection.SortedSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClusterViewPort} promises. Extend it with a fresh cluster per test and
 * implement the hooks. A view fed by a watch lags behind the cluster, so the assertions wait (up to
 * {@link #settleTimeout()}) for the view to catch up.
 */
public abstract class ClusterViewPortContract {

    /** The view under test, already started on this test's cluster. */
    protected abstract ClusterViewPort clusterView();

    /** The node this agent runs on. */
    protected abstract NodeName ownNode();

    /** Adds a node to the cluster, behind the view's back. */
    protected abstract void addNode(NodeName node);

    /** Removes a node from the cluster, behind the view's back. */
    protected abstract void removeNode(NodeName node);

    /** How long the view may take to reflect a change. */
    protected Duration settleTimeout() {
        return Duration.ofSeconds(10);
    }

    private static final NodeName A = NodeName.of("node-a");
    private static final NodeName B = NodeName.of("node-b");
    private static final NodeName C = NodeName.of("node-c");

    @Test
    void theOwnNodeIsAlwaysKnown() {
        assertThat(clusterView().knownNodes()).contains(ownNode());
    }

    @Test
    void addedNodesBecomeKnownInNameOrder() {
        addNode(C);
        addNode(A);
        addNode(B);

        SortedSet<NodeName> known = eventually(view -> view.containsAll(List.of(A, B, C)));

        assertThat(known.toJavaList()).isSorted().contains(ownNode());
    }

    @Test
    void removedNodesAreForgotten() {
        addNode(A);
        addNode(B);
        eventually(view -> view.containsAll(List.of(A, B)));

        removeNode(A);

        SortedSet<NodeName> known = eventually(view -> !view.contains(A));
        assertThat(known).contains(B, ownNode());
    }

    @Test
    void aViewOnceReturnedDoesNotChange() {
        SortedSet<NodeName> before = clusterView().knownNodes();

        addNode(A);
        eventually(view -> view.contains(A));

        assertThat(before).doesNotContain(A);
    }

    /** Polls the view until {@code done} holds; the last view is returned, or the test fails showing it. */
    private SortedSet<NodeName> eventually(Predicate<SortedSet<NodeName>> done) {
        long deadline = System.nanoTime() + settleTimeout().toNanos();
        SortedSet<NodeName> view = clusterView().knownNodes();
        while (!done.test(view) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            view = clusterView().knownNodes();
        }
        assertThat(done.test(view)).as("view after %s: %s", settleTimeout(), view).isTrue();
        return view;
    }
}

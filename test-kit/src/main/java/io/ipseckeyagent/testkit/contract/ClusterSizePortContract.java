package io.ipseckeyagent.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.ClusterSizePort;
import io.ipseckeyagent.application.port.out.ClusterSizePort.NodeCount;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** What every {@link ClusterSizePort} promises. Extend it with a fresh "server" per test. */
public abstract class ClusterSizePortContract {

    /** The port under test, counting this test's server. */
    protected abstract ClusterSizePort clusterSize();

    /** Adds {@code count} nodes to the cluster, behind the port's back. */
    protected abstract void addNodes(int count);

    /** Makes the next count fail as a server error would; later counts succeed. */
    protected abstract void failNextCount();

    protected Duration completionTimeout() {
        return Duration.ofSeconds(10);
    }

    @Test
    void anEmptyClusterHasNoNodes() {
        assertThat(completed(clusterSize().nodeCount())).isEqualTo(new NodeCount.Counted(0));
    }

    @Test
    void countsEveryNodeAndIsNotCached() {
        addNodes(1);
        assertThat(completed(clusterSize().nodeCount())).isEqualTo(new NodeCount.Counted(1));

        addNodes(6);
        assertThat(completed(clusterSize().nodeCount())).isEqualTo(new NodeCount.Counted(7));
    }

    @Test
    void aFailedCountIsReportedThenTheNextSucceeds() {
        addNodes(3);
        failNextCount();

        assertThat(completed(clusterSize().nodeCount())).isInstanceOf(NodeCount.Failed.class);
        assertThat(completed(clusterSize().nodeCount())).isEqualTo(new NodeCount.Counted(3));
    }

    private <T> T completed(CompletionStage<T> stage) {
        return Completion.completed(stage, completionTimeout(), () -> "the count did not complete within " + completionTimeout());
    }
}

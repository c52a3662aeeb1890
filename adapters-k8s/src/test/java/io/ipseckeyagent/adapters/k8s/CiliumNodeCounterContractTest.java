package io.ipseckeyagent.adapters.k8s;

import io.ipseckeyagent.standins.MockApiServer;
import io.ipseckeyagent.application.port.out.ClusterSizePort;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.testkit.contract.ClusterSizePortContract;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;

/** The cluster-size port's contract, run by the counter (built by the public factory) against the mock API server. */
class CiliumNodeCounterContractTest extends ClusterSizePortContract {
    private final MockApiServer api = new MockApiServer();
    private final ClusterSizePort counter = KubernetesAdapters.clusterSize(api.newClient());
    private int nodes;

    @AfterEach
    void stop() {
        api.close();
    }

    @Override
    protected ClusterSizePort clusterSize() {
        return counter;
    }

    @Override
    protected void addNodes(int count) {
        for (int i = 0; i < count; i++) {
            api.createNode(NodeName.of("node-" + nodes++), Option.none());
        }
    }

    @Override
    protected void failNextCount() {
        api.expect().get().withPath(MockApiServer.NODES_PATH + "?limit=1").andReturn(500, "").once();
    }
}

package io.ipseckeyagent.adapters.k8s;

import io.ipseckeyagent.standins.MockApiServer;
import io.ipseckeyagent.testkit.contract.ClusterViewPortContract;
import io.ipseckeyagent.application.port.out.ClusterViewPort;
import io.ipseckeyagent.domain.key.NodeName;
import io.vavr.control.Option;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The cluster view's contract, run by the real watch (built by the public factory) against the mock API server. */
class CiliumNodeObserverClusterViewTest extends ClusterViewPortContract {
    private static final NodeName SELF = NodeName.of("node-self");

    private final MockApiServer api = new MockApiServer();
    private final KubernetesAdapters.ClusterWatch watch =
            KubernetesAdapters.observer(api.newClient(config -> KubernetesAdapters.tuned(config, KubernetesAdapters.ClientSettings.defaults())), new RecordingRemoteNodes(), SELF);

    @BeforeEach
    void startWatching() {
        watch.start().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @AfterEach
    void stop() {
        api.close(); // before the watch: see MockApiServer#close
        watch.close();
    }

    @Override
    protected ClusterViewPort clusterView() {
        return watch;
    }

    @Override
    protected NodeName ownNode() {
        return SELF;
    }

    @Override
    protected void addNode(NodeName node) {
        api.createNode(node, Option.none());
    }

    @Override
    protected void removeNode(NodeName node) {
        api.deleteNode(node);
    }
}

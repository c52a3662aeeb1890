package io.ipseckeyagent.adapters.k8s;

import io.ipseckeyagent.standins.MockApiServer;
import io.ipseckeyagent.testkit.contract.NodeKeyPublisherPortContract;
import io.ipseckeyagent.application.port.out.NodeKeyPublisherPort;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;

/** The port's contract, run by the real publisher (built by the public factory) against the mock API server. */
class CiliumNodePublisherContractTest extends NodeKeyPublisherPortContract {
    private final MockApiServer api = new MockApiServer();
    private final NodeKeyPublisherPort publisher = KubernetesAdapters.publisher(api.newClient(), false);

    @AfterEach
    void stopServer() {
        api.close();
    }

    @Override
    protected NodeKeyPublisherPort publisher() {
        return publisher;
    }

    @Override
    protected void givenNode(NodeName node, Option<Spi> key) {
        api.createNode(node, key);
    }

    @Override
    protected Option<Spi> keyOnServer(NodeName node) {
        return api.keyOf(node);
    }

    @Override
    protected void failNextPublishFor(NodeName node) {
        api.expect().patch().withPath(MockApiServer.NODES_PATH + "/" + node.value()).andReturn(500, "").once();
    }

    @Override
    protected void failNextLookupFor(NodeName node) {
        api.expect().get().withPath(MockApiServer.NODES_PATH + "/" + node.value()).andReturn(500, "").once();
    }

    @Override
    protected int attemptsSeenByServer() {
        return api.requestCount();
    }
}

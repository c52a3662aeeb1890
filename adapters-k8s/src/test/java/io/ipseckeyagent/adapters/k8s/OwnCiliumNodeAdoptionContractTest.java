package io.ipseckeyagent.adapters.k8s;

import io.ipseckeyagent.standins.MockApiServer;
import io.ipseckeyagent.application.port.out.KeyAdoptionPort;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.testkit.contract.KeyAdoptionPortContract;
import io.vavr.control.Option;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/** The adoption port's contract, run by the own-node watch (built by the public factory) against the mock API server. */
class OwnCiliumNodeAdoptionContractTest extends KeyAdoptionPortContract {
    private static final NodeName SELF = NodeName.of("node-a");

    private final MockApiServer api = new MockApiServer();
    private KubernetesAdapters.AdoptionWatch watch;

    /** The server first, as MockApiServer#close explains: a watch closed first can stall the server's shutdown. */
    @AfterEach
    void stop() {
        api.close();
        if (watch != null) {
            watch.close();
        }
    }

    @Override
    protected KeyAdoptionPort adoption() {
        if (watch == null) {
            watch = KubernetesAdapters.adoptionWatch(api.newClient(config -> KubernetesAdapters.tuned(config, KubernetesAdapters.ClientSettings.defaults())), SELF);
            try {
                watch.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the watch did not start", e);
            }
        }
        return watch;
    }

    @Override
    protected NodeName ownNode() {
        return SELF;
    }

    @Override
    protected void publishes(NodeName node, Option<Spi> key) {
        if (api.node(node).isEmpty()) {
            api.createNode(node, key);
        } else {
            api.setKeyField(node, key.map(Spi::value).getOrElse(0));
        }
    }
}

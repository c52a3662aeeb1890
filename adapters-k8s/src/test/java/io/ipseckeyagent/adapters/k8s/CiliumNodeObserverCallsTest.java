package io.ipseckeyagent.adapters.k8s;

import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;

import io.ipseckeyagent.application.port.in.ObserveRemoteNodeUseCase;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.standins.MockApiServer;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/**
 * The calls the observer makes on its use case around relists, verified on a mock of the inbound
 * port: a relist after {@code 410 Gone} reports no node again, and what changes afterwards is
 * reported once, in order.
 */
@ExtendWith(MockitoExtension.class)
class CiliumNodeObserverCallsTest {
    private static final NodeName SELF = NodeName.of("node-a");
    private static final NodeName B = NodeName.of("node-b");
    private static final NodeName C = NodeName.of("node-c");
    private static final int PATIENCE_MILLIS = 10_000;

    private final MockApiServer api = new MockApiServer();

    @Mock
    ObserveRemoteNodeUseCase remoteNodes;

    private CiliumNodeObserver observer;

    @AfterEach
    void stop() {
        api.close(); // before the watch: see MockApiServer#close
        if (observer != null) {
            observer.close();
        }
    }

    @Test
    void afterTwoRelistsEachNodeWasReportedOnceAndLaterChangesOnceInOrder() {
        api.createNode(SELF, Option.some(Spi.of(3)));
        api.createNode(B, Option.some(Spi.of(3)));
        api.createNode(C, Option.some(Spi.of(3)));
        api.expireNextWatches(2);

        started();
        await().atMost(Duration.ofMillis(PATIENCE_MILLIS)).until(() -> api.listsServed() == 3 && api.watchesServed() == 1);
        api.setKeyField(C, 5);
        api.deleteNode(B);

        then(remoteNodes).should(timeout(PATIENCE_MILLIS)).remoteNodeRemoved(B);
        InOrder inOrder = inOrder(remoteNodes);
        then(remoteNodes).should(inOrder).remoteNodeKeyChanged(C, Option.some(Spi.of(5)));
        then(remoteNodes).should(inOrder).remoteNodeRemoved(B);
        then(remoteNodes).should().remoteNodeKeyChanged(B, Option.some(Spi.of(3)));
        then(remoteNodes).should().remoteNodeKeyChanged(C, Option.some(Spi.of(3)));
        then(remoteNodes).should(never()).remoteNodeKeyChanged(eq(SELF), any());
        then(remoteNodes).shouldHaveNoMoreInteractions();
    }

    private void started() {
        observer = new CiliumNodeObserver(
                api.newClient(config -> KubernetesAdapters.tuned(config, KubernetesAdapters.ClientSettings.defaults())),
                remoteNodes, SELF, KubernetesAdapters.ViewReporting.quiet());
        observer.start().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
}

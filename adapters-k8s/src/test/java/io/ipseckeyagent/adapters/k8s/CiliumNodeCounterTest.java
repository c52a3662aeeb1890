package io.ipseckeyagent.adapters.k8s;

import io.ipseckeyagent.standins.MockApiServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.ClusterSizePort;
import io.ipseckeyagent.application.port.out.ClusterSizePort.NodeCount;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The counter's use of {@code limit=1} and {@code remainingItemCount}, and its fallback, with the answers a real server gives. */
class CiliumNodeCounterTest {
    private static final String FIRST_PAGE = MockApiServer.NODES_PATH + "?limit=1";

    private final MockApiServer api = new MockApiServer();
    private final ClusterSizePort counter = KubernetesAdapters.clusterSize(api.newClient());

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void oneObjectAndTheRemainingItemCountGiveTheSizeInOneRequest() throws Exception {
        api.expect().get().withPath(FIRST_PAGE)
                .andReturn(200, list("\"continue\":\"t1\",\"remainingItemCount\":4999", 1)).once();
        int before = api.requestCount();

        assertThat(count()).isEqualTo(new NodeCount.Counted(5000));
        assertThat(api.requestCount() - before).isEqualTo(1);
        assertThat(api.lastRequest().method()).isEqualTo("GET");
        assertThat(api.lastRequest().path()).isEqualTo(FIRST_PAGE);
    }

    @Test
    void withoutTheRemainingItemCountItPagesThroughCountingOnly() throws Exception {
        api.expect().get().withPath(FIRST_PAGE).andReturn(200, list("\"continue\":\"t/1\"", 1)).once();
        api.expect().get().withPath(MockApiServer.NODES_PATH + "?limit=" + CiliumNodeCounter.FALLBACK_PAGE + "&continue=t%2F1")
                .andReturn(200, list("\"continue\":\"t2\"", 3)).once();
        api.expect().get().withPath(MockApiServer.NODES_PATH + "?limit=" + CiliumNodeCounter.FALLBACK_PAGE + "&continue=t2")
                .andReturn(200, list("", 2)).once();

        assertThat(count()).isEqualTo(new NodeCount.Counted(6));
    }

    @Test
    void aLastPageWithoutContinueIsTheWholeCluster() throws Exception {
        api.expect().get().withPath(FIRST_PAGE).andReturn(200, list("\"resourceVersion\":\"7\"", 1)).once();

        assertThat(count()).isEqualTo(new NodeCount.Counted(1));
    }

    @Test
    void forbiddenAndGarbageAreReasonsNotExceptions() throws Exception {
        api.expect().get().withPath(FIRST_PAGE).andReturn(403, "").once();
        api.expect().get().withPath(FIRST_PAGE).andReturn(200, "not json").once();

        assertThat(count()).isInstanceOfSatisfying(NodeCount.Failed.class,
                failed -> assertThat(failed.reason()).contains("HTTP 403", "'list'", "ciliumnodes.cilium.io"));
        assertThat(count()).isInstanceOfSatisfying(NodeCount.Failed.class,
                failed -> assertThat(failed.reason()).contains("not a list"));
    }

    @Test
    void noServerIsAReason() throws Exception {
        api.stop();

        assertThat(count()).isInstanceOfSatisfying(NodeCount.Failed.class,
                failed -> assertThat(failed.reason()).contains("no answer"));
    }

    private NodeCount count() throws Exception {
        return counter.nodeCount().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String list(String metadata, int items) {
        String item = "{\"apiVersion\":\"cilium.io/v2\",\"kind\":\"CiliumNode\",\"metadata\":{\"name\":\"n\"}}";
        return "{\"apiVersion\":\"cilium.io/v2\",\"kind\":\"CiliumNodeList\",\"metadata\":{" + metadata + "},\"items\":["
                + String.join(",", java.util.Collections.nCopies(items, item)) + "]}";
    }
}

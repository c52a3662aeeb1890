package io.ipseckeyagent.adapters.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.ipseckeyagent.application.port.out.ClusterSizePort.NodeCount;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.standins.CiliumAgentStandIn;
import io.ipseckeyagent.testkit.KeyFiles;
import io.ipseckeyagent.standins.MockApiServer;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relay mode's whole conversation with the API server: the agent's adapters only list and watch
 * their own CiliumNode (field selector) and list once with {@code limit=1}; the only write is
 * cilium-agent's (the stand-in's) one merge patch.
 */
class RelayRequestsTest {
    private static final NodeName SELF = NodeName.of("node-a");
    private static final NodeName OTHER = NodeName.of("node-b");
    private static final String NODES = "/apis/cilium.io/v2/ciliumnodes";

    private final MockApiServer cluster = new MockApiServer();
    private KubernetesClient client;
    private KubernetesAdapters.AdoptionWatch watch;

    @TempDir
    Path dir;

    /** The server first: a watch closed first can stall the mock server's shutdown. */
    @AfterEach
    void stop() {
        cluster.close();
        if (watch != null) {
            watch.close();
        }
        if (client != null) {
            client.close();
        }
    }

    @Test
    void theAgentOnlyReadsItsOwnNodeAndTheCountAndCiliumPatchesOnce() throws Exception {
        cluster.createNode(SELF, Option.some(Spi.of(2)));
        cluster.createNode(OTHER, Option.some(Spi.of(2)));
        int setup = cluster.requests().size();
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(cluster.url()).withRequestTimeout(5_000).build();
        client = new KubernetesClientBuilder().withConfig(KubernetesAdapters.tuned(config,
                KubernetesAdapters.ClientSettings.defaults())).build();

        watch = KubernetesAdapters.adoptionWatch(client, SELF);
        watch.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        NodeCount size = KubernetesAdapters.clusterSize(client).nodeCount().toCompletableFuture().get(10, TimeUnit.SECONDS);
        var adopted = watch.adoption(Spi.of(3));

        Path keyFile = Files.writeString(dir.resolve("keys"), KeyFiles.aead(2, 1) + "\n" + KeyFiles.aead(3, 2) + "\n");
        int patches;
        try (CiliumAgentStandIn cilium = CiliumAgentStandIn.start(keyFile, SELF, cluster.url(), Duration.ofMillis(50))) {
            assertThat(adopted.toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(Spi.of(3));
            assertThat(cilium.loadedSpi()).isEqualTo(Option.some(Spi.of(3)));
            patches = cilium.patchesSent();
        }

        assertThat(size).isEqualTo(new NodeCount.Counted(2));
        List<MockApiServer.Request> sent = cluster.requests().subList(setup, cluster.requests().size());
        assertThat(sent.stream().filter(request -> !request.method().equals("GET")))
                .as("the only writes are the stand-in's merge patches of its own node")
                .hasSize(patches)
                .allMatch(request -> request.method().equals("PATCH") && request.path().equals(NODES + "/" + SELF));
        assertThat(patches).as("cilium-agent loads a changed file once").isEqualTo(1);
        List<String> reads = sent.stream().filter(request -> request.method().equals("GET")).map(MockApiServer.Request::path).toList();
        assertThat(reads).as("what the agent asked for").isNotEmpty().allSatisfy(path -> assertThat(
                path.equals(NODES + "?limit=1")
                        || (path.startsWith(NODES + "?") && path.contains("fieldSelector=metadata.name%3D" + SELF)))
                .as(path).isTrue());
        assertThat(reads).anyMatch(path -> path.contains("watch=true"));
    }
}

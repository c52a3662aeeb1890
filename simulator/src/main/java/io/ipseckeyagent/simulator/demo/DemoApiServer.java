package io.ipseckeyagent.simulator.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock API server in CRUD mode, over real HTTP on loopback, knowing CiliumNode as a
 * cluster-scoped resource. It records when each CiliumNode PATCH arrived and for which node, and
 * counts single-node GETs (the agents' start-up lookups).
 */
final class DemoApiServer implements AutoCloseable {
    static final String NODES_PATH = "/apis/cilium.io/v2/ciliumnodes";
    static final CustomResourceDefinitionContext CILIUM_NODE = new CustomResourceDefinitionContext.Builder()
            .withGroup("cilium.io").withVersion("v2").withKind("CiliumNode").withPlural("ciliumnodes")
            .withScope("Cluster").build();

    /** The mock server logs every request at INFO through java.util.logging; held, since JUL forgets unreferenced loggers. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    /** One PATCH of a CiliumNode, as the server received it. */
    record Patch(long nanoTime, String node) {}

    private final List<Patch> patches = new CopyOnWriteArrayList<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final KubernetesMockServer server;

    DemoApiServer() {
        KubernetesCrudDispatcher state = new KubernetesCrudDispatcher(List.of(CILIUM_NODE));
        Dispatcher recording = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getPath();
                boolean oneNode = path.startsWith(NODES_PATH + "/");
                String node = oneNode ? path.substring(NODES_PATH.length() + 1).replaceFirst("\\?.*", "") : "";
                if (oneNode && "PATCH".equals(request.getMethod())) {
                    patches.add(new Patch(System.nanoTime(), node));
                } else if (oneNode && "GET".equals(request.getMethod())) {
                    lookups.incrementAndGet();
                }
                return state.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), recording, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
    }

    /** A kubeconfig for this server, as an operator would hand the agent one. */
    Path writeKubeconfig(Path directory) throws IOException {
        String url = "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
        String kubeconfig = String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: demo",
                "  cluster:",
                "    server: " + url,
                "users:",
                "- name: ipsec-key-agent",
                "  user:",
                "    token: demo",
                "contexts:",
                "- name: demo",
                "  context:",
                "    cluster: demo",
                "    user: ipsec-key-agent",
                "current-context: demo",
                "");
        return Files.writeString(directory.resolve("kubeconfig"), kubeconfig, StandardCharsets.UTF_8);
    }

    /** Creates a CiliumNode carrying {@code spi}, as Cilium would have. */
    static void createNode(KubernetesClient client, NodeName node, Spi spi) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion("cilium.io/v2");
        resource.setKind("CiliumNode");
        resource.setMetadata(new ObjectMetaBuilder().withName(node.value()).build());
        resource.setAdditionalProperty("spec", Map.of("encryption", Map.of("key", spi.value())));
        client.genericKubernetesResources(CILIUM_NODE).resource(resource).create();
    }

    /** Every CiliumNode PATCH received so far, in order of arrival. */
    List<Patch> patches() {
        return List.copyOf(patches);
    }

    /** How many single CiliumNodes were read so far. */
    int lookups() {
        return lookups.get();
    }

    /** Stops the server before the clients go: see the pitfall noted in the adapters' tests. */
    @Override
    public void close() {
        server.destroy();
    }
}

package io.ipseckeyagent.testkit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock API server in CRUD mode over HTTP on loopback, knowing CiliumNode, recording every
 * request. It stands in for the API server of {@code run}: write a kubeconfig pointing to it with
 * {@link #writeKubeconfig}.
 */
public final class MockCluster implements AutoCloseable {
    public static final CustomResourceDefinitionContext CILIUM_NODE = new CustomResourceDefinitionContext.Builder()
            .withGroup("cilium.io").withVersion("v2").withKind("CiliumNode").withPlural("ciliumnodes")
            .withScope("Cluster").build();

    /** Held: java.util.logging forgets loggers nobody references, and the mock logs each request at INFO. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    /** One request as received. */
    public record Request(String method, String path) {}

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final KubernetesMockServer server;
    private final KubernetesClient kubectl;

    public MockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMixedDispatcher state = new KubernetesMixedDispatcher(expectations, List.of(CILIUM_NODE));
        Dispatcher recording = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(new Request(request.getMethod(), request.getPath()));
                return state.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, recording, false);
        server.init();
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url()).withRequestTimeout(5_000).build();
        kubectl = new KubernetesClientBuilder().withConfig(config).build();
    }

    public String url() {
        return "http://localhost:" + server.getPort() + "/";
    }

    /** A kubeconfig file in {@code dir} for this server; returns its path. */
    public Path writeKubeconfig(Path dir) throws IOException {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: agent
                current-context: mock
                users:
                - name: agent
                  user:
                    token: test-token
                """.formatted(url());
        return Files.writeString(Files.createDirectories(dir).resolve("kubeconfig"), kubeconfig);
    }

    /** Creates a CiliumNode, as Cilium would. */
    public void createNode(NodeName node, Option<Spi> key) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion("cilium.io/v2");
        resource.setKind("CiliumNode");
        resource.setMetadata(new ObjectMetaBuilder().withName(node.value()).build());
        key.forEach(spi -> resource.setAdditionalProperty("spec", Map.of("encryption", Map.of("key", spi.value()))));
        kubectl.genericKubernetesResources(CILIUM_NODE).resource(resource).create();
    }

    /**
     * Creates a CiliumNode shaped like a real one (labels, addresses, health, IPAM and encryption;
     * about 1.5 KB of JSON), for figures that depend on the size of the cluster.
     */
    public void createRealisticNode(NodeName node, int index, Spi key) {
        String ip = "10." + (index >> 16 & 255) + "." + (index >> 8 & 255) + "." + (index & 255);
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion("cilium.io/v2");
        resource.setKind("CiliumNode");
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", node.value());
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("node.kubernetes.io/instance-type", "m6i.2xlarge");
        labels.put("topology.kubernetes.io/region", "eu-west-1");
        labels.put("topology.kubernetes.io/zone", "eu-west-1" + (char) ('a' + index % 3));
        labels.put("node-role.kubernetes.io/worker", "");
        resource.setMetadata(new ObjectMetaBuilder().withName(node.value()).withLabels(labels).build());
        resource.setAdditionalProperty("spec", Map.of(
                "addresses", List.of(Map.of("type", "InternalIP", "ip", ip), Map.of("type", "CiliumInternalIP", "ip", "10.200." + (index >> 8 & 255) + "." + (index & 255))),
                "alibaba-cloud", Map.of(), "azure", Map.of(), "eni", Map.of(),
                "encryption", Map.of("key", key.value()),
                "health", Map.of("ipv4", "10.201." + (index >> 8 & 255) + "." + (index & 255)),
                "ingress", Map.of(),
                "ipam", Map.of("podCIDRs", List.of("10.128." + (index & 255) + ".0/24"), "pools", Map.of()),
                "instance-id", "i-0" + Integer.toHexString(0x1000000 + index) + "abcdef"));
        kubectl.genericKubernetesResources(CILIUM_NODE).resource(resource).create();
    }

    /** The node's {@code spec.encryption.key} as stored now; none when absent. */
    @SuppressWarnings("unchecked")
    public Option<Integer> keyOf(NodeName node) {
        return Option.of(kubectl.genericKubernetesResources(CILIUM_NODE).withName(node.value()).get())
                .flatMap(resource -> Option.of((Map<String, Object>) resource.getAdditionalProperties().get("spec")))
                .flatMap(spec -> Option.of((Map<String, Object>) spec.get("encryption")))
                .flatMap(encryption -> Option.of((Number) encryption.get("key")))
                .map(Number::intValue);
    }

    /** The PATCH requests sent to this node's CiliumNode so far. */
    public long patchesOf(NodeName node) {
        return requests.stream()
                .filter(request -> request.method().equals("PATCH") && request.path().startsWith("/apis/cilium.io/v2/ciliumnodes/"
                        + node.value()))
                .count();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.destroy();
        kubectl.close();
    }
}

package io.ipseckeyagent.e2e;

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
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The API server of the tests: fabric8's mock server in CRUD mode over real HTTP on 127.0.0.1,
 * knowing CiliumNode as a cluster-scoped resource, recording every request it receives with the
 * time it arrived.
 */
final class ApiServer implements AutoCloseable {
    static final String NODES_PATH = "/apis/cilium.io/v2/ciliumnodes";

    private static final CustomResourceDefinitionContext CILIUM_NODE = new CustomResourceDefinitionContext.Builder()
            .withGroup("cilium.io").withVersion("v2").withKind("CiliumNode").withPlural("ciliumnodes")
            .withScope("Cluster").build();

    /** The mock server logs every request at INFO through java.util.logging; held, as JUL forgets unreferenced loggers. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    /** One request as received. */
    record Request(Instant at, String method, String path, String body) {
        boolean isPatchOf(String node) {
            return method.equals("PATCH") && path.equals(NODES_PATH + "/" + node);
        }
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    ApiServer() {
        KubernetesCrudDispatcher state = new KubernetesCrudDispatcher(List.of(CILIUM_NODE));
        Dispatcher recording = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(new Request(Instant.now(), request.getMethod(), request.getPath(),
                        new String(request.getBody().getBytes(), StandardCharsets.UTF_8)));
                return state.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), recording, false);
        try {
            server.init(InetAddress.getLoopbackAddress(), 0);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the mock API server", e);
        }
        client = server.createClient();
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** Writes a kubeconfig for this server (plain HTTP, no credentials) and returns its path. */
    Path writeKubeconfig(Path file) throws IOException {
        Files.writeString(file, """
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
                    user: anonymous
                current-context: mock
                users:
                - name: anonymous
                  user: {}
                """.formatted(url()));
        return file;
    }

    /** Creates a CiliumNode as Cilium would, publishing {@code spi} (0: no key). */
    void createNode(String name, int spi) {
        GenericKubernetesResource node = new GenericKubernetesResource();
        node.setApiVersion("cilium.io/v2");
        node.setKind("CiliumNode");
        node.setMetadata(new ObjectMetaBuilder().withName(name).build());
        if (spi != 0) {
            node.setAdditionalProperty("spec", Map.of("encryption", Map.of("key", spi)));
        }
        client.genericKubernetesResources(CILIUM_NODE).resource(node).create();
    }

    /** The node's {@code spec.encryption.key} as stored now; empty when absent. */
    Optional<Integer> publishedKey(String name) {
        GenericKubernetesResource node = client.genericKubernetesResources(CILIUM_NODE).withName(name).get();
        return Optional.ofNullable(node)
                .map(resource -> resource.getAdditionalProperties().get("spec"))
                .map(spec -> ((Map<?, ?>) spec).get("encryption"))
                .map(encryption -> ((Map<?, ?>) encryption).get("key"))
                .map(key -> ((Number) key).intValue());
    }

    /** Every request received since the last {@link #forgetRequests()}, in order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Starts the record afresh: what a test seeded is not what the agent sent. */
    void forgetRequests() {
        requests.clear();
    }

    /** The PATCH requests to this node's CiliumNode, in order. */
    List<Request> patchesOf(String node) {
        return requests().stream().filter(request -> request.isPatchOf(node)).toList();
    }

    /** Whether any GET of this node's CiliumNode (the agent's startup look-up) arrived. */
    boolean lookedUp(String node) {
        return requests().stream().anyMatch(request -> request.method().equals("GET")
                && request.path().equals(NODES_PATH + "/" + node));
    }

    @Override
    public void close() {
        server.destroy();
        client.close();
    }
}

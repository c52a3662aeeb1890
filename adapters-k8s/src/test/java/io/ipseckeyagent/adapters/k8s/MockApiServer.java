package io.ipseckeyagent.adapters.k8s;

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
import io.fabric8.mockwebserver.dsl.MockServerExpectation;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock API server over real HTTP on loopback, in CRUD mode with expectations on top
 * (expectations win), knowing CiliumNode as a cluster-scoped resource. It can be stopped and
 * started again on the same port with its state, and can expire the next watches with
 * {@code 410 Gone} as a real API server does for a too old resourceVersion.
 */
final class MockApiServer implements AutoCloseable {
    static final String NODES_PATH = "/apis/cilium.io/v2/ciliumnodes";

    private static final CustomResourceDefinitionContext CILIUM_NODE = new CustomResourceDefinitionContext.Builder()
            .withGroup("cilium.io").withVersion("v2").withKind("CiliumNode").withPlural("ciliumnodes")
            .withScope("Cluster").build();
    private static final String GONE_EVENT = "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
            + "\"status\":\"Failure\",\"reason\":\"Expired\",\"code\":410,\"message\":\"too old resource version\"}}";

    /** The mock server logs every request at INFO through java.util.logging: keep test output short (held: JUL forgets unreferenced loggers). */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    private final Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    private final KubernetesMixedDispatcher state = new KubernetesMixedDispatcher(expectations, List.of(CILIUM_NODE));
    private final AtomicInteger watchesToExpire = new AtomicInteger();
    private final AtomicInteger requestsBeforeRestarts = new AtomicInteger();
    private final AtomicInteger listsServed = new AtomicInteger();
    private final AtomicInteger watchesServed = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<KubernetesClient> clients = new ArrayList<>();
    private KubernetesMockServer server;
    private int port;

    MockApiServer() {
        server = newServer();
        server.init();
        port = server.getPort();
    }

    /** The base URL clients use; stable across {@link #stop()} and {@link #startAgain()}. */
    String url() {
        return "http://localhost:" + port + "/";
    }

    /**
     * A client as the agent would get it, but with fabric8's default retries left on (the adapters
     * must turn them off themselves) and a fast watch reconnect. Closed with the server.
     */
    KubernetesClient newClient() {
        return clientWith(baseConfig());
    }

    /** A client tuned as {@link KubernetesAdapters#client} tunes the agent's (fabric8's retries off), with a fast watch reconnect. */
    KubernetesClient newAgentClient() {
        return clientWith(KubernetesAdapters.tuned(baseConfig(), KubernetesAdapters.ClientSettings.defaults()));
    }

    private Config baseConfig() {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withConnectionTimeout(2_000)
                .withRequestTimeout(5_000)
                .withWatchReconnectInterval(50)
                .build();
    }

    private KubernetesClient clientWith(Config config) {
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        clients.add(client);
        return client;
    }

    /** Expectations (faults) that take priority over the stored state. */
    MockServerExpectation expect() {
        return server.expect();
    }

    /** Requests received since this object was made, across restarts. */
    int requestCount() {
        return requestsBeforeRestarts.get() + server.getRequestCount();
    }

    /** One request as received, body included. */
    record Received(String method, String path, String contentType, String authorization, String body) {}

    /** The last request received. */
    Received lastRequest() {
        return received.get(received.size() - 1);
    }

    /** How many times clients listed CiliumNodes (a relist after 410 Gone is one more). */
    int listsServed() {
        return listsServed.get();
    }

    /** How many watches the stored state serves or served (expired ones not counted). */
    int watchesServed() {
        return watchesServed.get();
    }

    /** The next {@code count} watches get a {@code 410 Gone} ERROR event and are closed by the server. */
    void expireNextWatches(int count) {
        watchesToExpire.set(count);
    }

    /** Stops listening: connections are refused, open watches drop. The stored state stays. */
    void stop() {
        requestsBeforeRestarts.addAndGet(server.getRequestCount());
        server.destroy();
    }

    /** Listens again on the same port with the same state. */
    void startAgain() {
        server = newServer();
        try {
            server.init(InetAddress.getByName("localhost"), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a CiliumNode directly in the stored state (as Cilium would). */
    void createNode(NodeName node, Option<Spi> key) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion("cilium.io/v2");
        resource.setKind("CiliumNode");
        resource.setMetadata(new ObjectMetaBuilder().withName(node.value()).build());
        key.forEach(spi -> resource.setAdditionalProperty("spec", Map.of("encryption", Map.of("key", spi.value()))));
        kubectl().genericKubernetesResources(CiliumNodes.CONTEXT).resource(resource).create();
    }

    /** Sets a node's spec.encryption.key to any JSON value, valid or not (as another writer could). */
    void setKeyField(NodeName node, Object value) {
        kubectl().genericKubernetesResources(CiliumNodes.CONTEXT).withName(node.value())
                .edit(resource -> {
                    resource.setAdditionalProperty("spec", Map.of("encryption", Map.of("key", value)));
                    return resource;
                });
    }

    /** Changes a field the agent does not use. */
    void setLabel(NodeName node, String key, String value) {
        kubectl().genericKubernetesResources(CiliumNodes.CONTEXT).withName(node.value())
                .edit(resource -> {
                    resource.getMetadata().setLabels(Map.of(key, value));
                    return resource;
                });
    }

    void deleteNode(NodeName node) {
        kubectl().genericKubernetesResources(CiliumNodes.CONTEXT).withName(node.value()).delete();
    }

    /** The node as stored now, or none. */
    Option<GenericKubernetesResource> node(NodeName node) {
        return Option.of(kubectl().genericKubernetesResources(CiliumNodes.CONTEXT).withName(node.value()).get());
    }

    /** The node's spec.encryption.key as stored now (none when absent or the node is missing). */
    Option<Spi> keyOf(NodeName node) {
        return node(node).flatMap(resource -> CiliumNodes.publishedKey(node, resource).getOrElseThrow(problem -> new IllegalStateException(problem)));
    }

    private KubernetesClient kubectl;

    private KubernetesClient kubectl() {
        if (kubectl == null) {
            kubectl = newClient();
        }
        return kubectl;
    }

    /**
     * Stops the server, then the clients. In this order on purpose: when a client closes a watch
     * first, the mock server's watch listener can block its event loop for seconds (it awaits its
     * own executor on that loop), and stopping the server then times out.
     */
    @Override
    public void close() {
        server.destroy();
        clients.forEach(KubernetesClient::close);
    }

    private KubernetesMockServer newServer() {
        Dispatcher expiringWatches = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                // Read the body before the CRUD state consumes it.
                received.add(new Received(request.getMethod(), request.getPath(), request.getHeader("Content-Type"),
                        request.getHeader("Authorization"), new String(request.getBody().getBytes(), StandardCharsets.UTF_8)));
                boolean watch = request.getPath().contains("watch=true");
                boolean list = request.getPath().matches("\\Q" + NODES_PATH + "\\E(\\?.*)?") && "GET".equals(request.getMethod());
                if (list && !watch) {
                    listsServed.incrementAndGet();
                }
                if (watch && watchesToExpire.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
                        @Override
                        public void onOpen(WebSocket socket, Response response) {
                            socket.send(GONE_EVENT);
                            socket.close(1000, "expired");
                        }
                    });
                }
                MockResponse response = state.dispatch(request);
                if (watch) {
                    watchesServed.incrementAndGet(); // counted once the watch is registered: changes from now on reach it
                }
                return response;
            }
        };
        return new KubernetesMockServer(new Context(), new MockWebServer(), expectations, expiringWatches, false);
    }
}

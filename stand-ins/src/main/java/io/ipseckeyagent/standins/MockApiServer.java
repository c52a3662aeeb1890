package io.ipseckeyagent.standins;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.dsl.MockServerExpectation;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The API server of every test and of the demo: fabric8's mock server over real HTTP on loopback,
 * in CRUD mode with expectations on top (expectations win, for injected faults), knowing CiliumNode
 * as a cluster-scoped resource. It records every request (time of arrival, method, path, headers,
 * body), can be stopped and started again on the same port with its state, and can expire the next
 * watches with {@code 410 Gone} as a real API server does for a too old resourceVersion.
 * Lists of CiliumNodes with {@code limit} are paged as a real API server pages them (continue
 * tokens over one snapshot, {@code remainingItemCount}); fabric8's CRUD mode alone ignores the limit.
 *
 * <p>Not fabric8's {@code @EnableKubernetesMockClient}: that extension builds its own dispatcher
 * (no recording, no CiliumNode scope, no restart on the same port) and needs JUnit, which the demo
 * does not have. Tests hold one per test in an instance field marked {@code @AutoClose}.
 */
public final class MockApiServer implements AutoCloseable {
    public static final String NODES_PATH = "/apis/cilium.io/v2/ciliumnodes";
    public static final CustomResourceDefinitionContext CILIUM_NODE = new CustomResourceDefinitionContext.Builder()
            .withGroup("cilium.io").withVersion("v2").withKind("CiliumNode").withPlural("ciliumnodes")
            .withScope("Cluster").build();

    private static final String GONE_EVENT = "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
            + "\"status\":\"Failure\",\"reason\":\"Expired\",\"code\":410,\"message\":\"too old resource version\"}}";

    private static final String GONE_STATUS = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"reason\":\"Expired\",\"code\":410,\"message\":\"too old resource version\"}";

    /** The mock server logs every request at INFO through java.util.logging; held, as JUL forgets unreferenced loggers. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    /** One request as received. {@code nanoTime} is {@link System#nanoTime()} at arrival. */
    public record Request(Instant at, long nanoTime, String method, String path, String contentType,
                          String authorization, String body) {
        /** Whether this is a PATCH of {@code node}'s CiliumNode. */
        public boolean isPatchOf(NodeName node) {
            return method.equals("PATCH") && pathWithoutQuery().equals(NODES_PATH + "/" + node.value());
        }

        /** Whether this GETs {@code node}'s CiliumNode alone (an agent's start-up look-up). */
        public boolean isLookupOf(NodeName node) {
            return method.equals("GET") && pathWithoutQuery().equals(NODES_PATH + "/" + node.value());
        }

        /** The CiliumNode this request is about alone, if any. */
        public Option<NodeName> node() {
            String path = pathWithoutQuery();
            return path.startsWith(NODES_PATH + "/")
                    ? Option.of(NodeName.of(path.substring(NODES_PATH.length() + 1)))
                    : Option.none();
        }

        private String pathWithoutQuery() {
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
        }
    }

    private final Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    /** Expectations first, then the stored state: what fabric8's KubernetesMixedDispatcher does, with the store at hand. */
    private final MockDispatcher expected = new MockDispatcher(expectations);
    private final Store store = new Store();
    /** Paged lists in progress: the snapshot each continue token reads on from (a few, as a real server keeps them a while). */
    private final Map<String, Snapshot> snapshots = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Snapshot> eldest) {
            return size() > 8;
        }
    });
    private final AtomicInteger snapshotIds = new AtomicInteger();
    private final AtomicInteger watchesToExpire = new AtomicInteger();
    private volatile boolean watchesGoneUntilList;
    private final AtomicInteger listsServed = new AtomicInteger();
    private final AtomicInteger watchesServed = new AtomicInteger();
    /** The CiliumNode watches open now, for what a real API server sends them unasked (bookmarks, expiry). */
    private final Set<WebSocket> openWatches = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger requestsForgotten = new AtomicInteger();
    private final List<KubernetesClient> clients = new CopyOnWriteArrayList<>();
    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private volatile KubernetesMockServer server;
    private final int port;
    private KubernetesClient kubectl;

    /** Starts listening on a free loopback port. */
    public MockApiServer() {
        server = newServer();
        server.init(loopback, 0);
        port = server.getPort();
    }

    /**
     * Serves a small cluster to a script until the process is killed: CiliumNode {@code NODE}
     * publishing SPI 3 and {@code OTHERS} realistic ones, with its kubeconfig in {@code DIR/kubeconfig},
     * then an empty {@code DIR/ready}. The agent's AOT training runs against it (deploy/aot-training.sh),
     * so that the cache holds what a start against an answering API server loads: the list, the watch,
     * the lookup and the patch.
     * <pre>java -cp CLASSPATH io.ipseckeyagent.standins.MockApiServer DIR NODE OTHERS</pre>
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: MockApiServer DIR NODE OTHERS");
        }
        try (MockApiServer cluster = new MockApiServer()) {
            cluster.createNode(NodeName.of(args[1]), Option.some(Spi.of(3)));
            cluster.createRealisticNodes(Integer.parseInt(args[2]), Spi.of(3));
            cluster.writeKubeconfig(Path.of(args[0]));
            Files.createFile(Path.of(args[0], "ready"));
            Thread.currentThread().join(); // until killed
        }
    }

    /** The base URL clients use; stable across {@link #stop()} and {@link #startAgain()}. */
    public String url() {
        return "http://" + loopback.getHostAddress() + ":" + port + "/";
    }

    /** A kubeconfig file named {@code kubeconfig} in {@code directory}, as an operator would hand the agent one. */
    public Path writeKubeconfig(Path directory) {
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
                    user: ipsec-key-agent
                current-context: mock
                users:
                - name: ipsec-key-agent
                  user:
                    token: test-token
                """.formatted(url());
        try {
            return Files.writeString(Files.createDirectories(directory).resolve("kubeconfig"), kubeconfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A client with fabric8's defaults (its retries left on: adapters must turn them off themselves),
     * short timeouts and a fast watch reconnect. Closed with the server.
     */
    public KubernetesClient newClient() {
        return newClient(UnaryOperator.identity());
    }

    /** A client whose configuration {@code tuning} adjusts first (as the agent's wiring would). Closed with the server. */
    public KubernetesClient newClient(UnaryOperator<Config> tuning) {
        Config base = new ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withConnectionTimeout(2_000)
                .withRequestTimeout(5_000)
                .withWatchReconnectInterval(50)
                .build();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(tuning.apply(base)).build();
        clients.add(client);
        return client;
    }

    /** Expectations (faults) that take priority over the stored state. */
    public MockServerExpectation expect() {
        return server.expect();
    }

    // ---- what was received

    /** Every request received since the start or the last {@link #forgetRequests()}, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Starts the record afresh: what a test seeded is not what the agent sent. */
    public void forgetRequests() {
        requestsForgotten.addAndGet(requests.size());
        requests.clear();
    }

    /** Requests received since this server was made, across restarts and {@link #forgetRequests()}. */
    public int requestCount() {
        return requestsForgotten.get() + requests.size();
    }

    /** The last request received. */
    public Request lastRequest() {
        return requests.get(requests.size() - 1);
    }

    /** The PATCH requests to {@code node}'s CiliumNode, in order. */
    public List<Request> patchesOf(NodeName node) {
        return requests().stream().filter(request -> request.isPatchOf(node)).toList();
    }

    /** Every CiliumNode PATCH, in order of arrival. */
    public List<Request> patches() {
        return requests().stream().filter(request -> request.method().equals("PATCH") && request.node().isDefined()).toList();
    }

    /** How many single CiliumNodes were read (the agents' start-up look-ups). */
    public int lookups() {
        return (int) requests().stream().filter(request -> request.node().exists(request::isLookupOf)).count();
    }

    /** Whether {@code node}'s CiliumNode was read alone (its agent's start-up look-up). */
    public boolean lookedUp(NodeName node) {
        return requests().stream().anyMatch(request -> request.isLookupOf(node));
    }

    /** How many CiliumNode list requests were served (each page of a paged list is one; a relist after 410 Gone is one more). */
    public int listsServed() {
        return listsServed.get();
    }

    /** How many watches the stored state serves or served (expired ones not counted). */
    public int watchesServed() {
        return watchesServed.get();
    }

    // ---- faults

    /** The next {@code count} watches get a {@code 410 Gone} ERROR event and are closed by the server. */
    public void expireNextWatches(int count) {
        watchesToExpire.set(count);
    }

    /**
     * Every watch request is answered {@code HTTP 410 Gone} (a plain response, no watch stream) until
     * a client lists CiliumNodes again: the resourceVersion it watches from has expired, and only a
     * fresh list gives it a current one.
     */
    public void answerWatchesGoneUntilList() {
        watchesGoneUntilList = true;
    }

    /**
     * Ends every open watch with a {@code 410 Gone} ERROR event, as a real API server does when a watch
     * falls too far behind (its resourceVersion compacted away).
     */
    public void expireOpenWatches() {
        openWatches.forEach(socket -> {
            socket.send(GONE_EVENT);
            socket.close(1000, "expired");
        });
    }

    /**
     * Sends every open watch a BOOKMARK at a new resourceVersion, as a real API server does while
     * objects of other kinds change and no CiliumNode does; returns that resourceVersion.
     */
    public String bookmarkOpenWatches() {
        String version = Long.toString(store.requestResourceVersion());
        String bookmark = "{\"type\":\"BOOKMARK\",\"object\":{\"apiVersion\":\"cilium.io/v2\",\"kind\":\"CiliumNode\","
                + "\"metadata\":{\"resourceVersion\":\"" + version + "\"}}}";
        openWatches.forEach(socket -> socket.send(bookmark));
        return version;
    }

    /** How many CiliumNode watches are open now. */
    public int openWatches() {
        return openWatches.size();
    }

    /** Stops listening: connections are refused, open watches drop. The stored state stays. */
    public void stop() {
        server.destroy();
        openWatches.clear();
    }

    /** Listens again on the same port with the same state. */
    public void startAgain() {
        server = newServer();
        server.init(loopback, port);
    }

    // ---- the stored state, changed as Cilium or another writer would

    /** Creates a CiliumNode, publishing {@code key} if any. */
    public void createNode(NodeName node, Option<Spi> key) {
        GenericKubernetesResource resource = ciliumNode(node, Map.of());
        key.forEach(spi -> resource.setAdditionalProperty("spec", Map.of("encryption", Map.of("key", spi.value()))));
        nodes().resource(resource).create();
    }

    /**
     * Creates a CiliumNode shaped like a real one (labels, addresses, health, IPAM and encryption;
     * about 1.5 KB of JSON), for figures that depend on the size of the cluster.
     */
    public void createRealisticNode(NodeName node, int index, Spi key) {
        nodes().resource(realisticNode(node, index, key)).create();
    }

    /**
     * Creates realistic CiliumNodes ({@link #createRealisticNode}) named {@code node-1} to
     * {@code node-count}, straight into the stored state rather than by one HTTP request each, and
     * without the CRUD mode's search for a same-named object (which makes N creates cost N squared):
     * 50,000 in seconds. As a create would, each gets a uid, a creation time and a resourceVersion, and
     * open watches hear of it.
     *
     * @throws IllegalArgumentException if one of these names is taken
     */
    public void createRealisticNodes(int count, Spi key) {
        Set<String> taken = new HashSet<>();
        store.entries().forEach(entry -> taken.add(Store.nameOf(entry.getKey())));
        Headers json = new Headers.Builder().add("Content-Type", "application/json").build();
        for (int index = 1; index <= count; index++) {
            NodeName node = NodeName.of("node-" + index);
            if (taken.contains(node.value())) {
                throw new IllegalArgumentException("CiliumNode " + node.value() + " exists already");
            }
            byte[] body = Serialization.asJson(realisticNode(node, index, key)).getBytes(StandardCharsets.UTF_8);
            MockResponse created = store.createUnique(new RecordedRequest("HTTP/1.1", HttpMethod.POST, NODES_PATH, json, new Buffer(body)));
            if (created.code() != 201) {
                throw new IllegalStateException("creating CiliumNode " + node.value() + ": HTTP " + created.code());
            }
        }
    }

    private static GenericKubernetesResource realisticNode(NodeName node, int index, Spi key) {
        String ip = "10." + (index >> 16 & 255) + "." + (index >> 8 & 255) + "." + (index & 255);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", node.value());
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("node.kubernetes.io/instance-type", "m6i.2xlarge");
        labels.put("topology.kubernetes.io/region", "eu-west-1");
        labels.put("topology.kubernetes.io/zone", "eu-west-1" + (char) ('a' + index % 3));
        labels.put("node-role.kubernetes.io/worker", "");
        GenericKubernetesResource resource = ciliumNode(node, labels);
        resource.setAdditionalProperty("spec", Map.of(
                "addresses", List.of(Map.of("type", "InternalIP", "ip", ip), Map.of("type", "CiliumInternalIP", "ip", "10.200." + (index >> 8 & 255) + "." + (index & 255))),
                "alibaba-cloud", Map.of(), "azure", Map.of(), "eni", Map.of(),
                "encryption", Map.of("key", key.value()),
                "health", Map.of("ipv4", "10.201." + (index >> 8 & 255) + "." + (index & 255)),
                "ingress", Map.of(),
                "ipam", Map.of("podCIDRs", List.of("10.128." + (index & 255) + ".0/24"), "pools", Map.of()),
                "instance-id", "i-0" + Integer.toHexString(0x1000000 + index) + "abcdef"));
        return resource;
    }

    /** Sets a node's {@code spec.encryption.key} to any JSON value, valid or not (as another writer could). */
    public void setKeyField(NodeName node, Object value) {
        nodes().withName(node.value()).edit(resource -> {
            resource.setAdditionalProperty("spec", Map.of("encryption", Map.of("key", value)));
            return resource;
        });
    }

    /** Changes a field the agent does not use. */
    public void setLabel(NodeName node, String key, String value) {
        nodes().withName(node.value()).edit(resource -> {
            resource.getMetadata().setLabels(Map.of(key, value));
            return resource;
        });
    }

    public void deleteNode(NodeName node) {
        nodes().withName(node.value()).delete();
    }

    /** The node as stored now, or none. */
    public Option<GenericKubernetesResource> node(NodeName node) {
        return Option.of(nodes().withName(node.value()).get());
    }

    /** How many CiliumNodes are stored now. */
    public int nodeCount() {
        return nodes().list().getItems().size();
    }

    /** The node's {@code spec.encryption.key} as stored now, as a number; empty when absent (an AssertJ-friendly Optional). */
    public Optional<Integer> publishedKey(NodeName node) {
        return node(node).toJavaOptional()
                .map(resource -> resource.getAdditionalProperties().get("spec"))
                .map(spec -> spec instanceof Map<?, ?> map ? map.get("encryption") : null)
                .map(encryption -> encryption instanceof Map<?, ?> map ? map.get("key") : null)
                .map(key -> key instanceof Number number ? number.intValue() : null);
    }

    /** The node's published SPI as stored now; none when absent, missing or not a valid SPI. */
    public Option<Spi> keyOf(NodeName node) {
        return Option.ofOptional(publishedKey(node)).flatMap(value -> Spi.parse(String.valueOf(value)).toOption());
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

    private synchronized MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> nodes() {
        if (kubectl == null) {
            kubectl = newClient();
        }
        return kubectl.genericKubernetesResources(CILIUM_NODE);
    }

    private static GenericKubernetesResource ciliumNode(NodeName node, Map<String, String> labels) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion("cilium.io/v2");
        resource.setKind("CiliumNode");
        resource.setMetadata(new ObjectMetaBuilder().withName(node.value()).withLabels(labels.isEmpty() ? null : labels).build());
        return resource;
    }

    /** An expectation if one matches; else a page of a paged list; else the stored state's answer. */
    private MockResponse answer(RecordedRequest request, boolean list) {
        Queue<ServerResponse> queued = expectations.get(new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
        if (queued != null && !queued.isEmpty()) {
            return expected.dispatch(request);
        }
        if (list) {
            Map<String, String> query = query(request.getPath());
            boolean paged = query.containsKey("limit") && !query.containsKey("labelSelector") && !query.containsKey("fieldSelector");
            if (paged) {
                return page(query);
            }
        }
        return store.dispatch(request);
    }

    /** The items of one snapshot of the stored CiliumNodes, in name order, as a real API server pages them. */
    private record Snapshot(String resourceVersion, List<String> items) {}

    /**
     * One page of a CiliumNode list: the first takes a snapshot (its resourceVersion is the list's), the
     * next ones read on from it through the continue token; a token the server no longer knows is
     * answered {@code 410 Gone}, as a real API server answers an expired one.
     */
    private MockResponse page(Map<String, String> query) {
        int limit;
        try {
            limit = Integer.parseInt(query.get("limit"));
        } catch (NumberFormatException e) {
            return new MockResponse().setResponseCode(400).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                    + "\"reason\":\"BadRequest\",\"code\":400,\"message\":\"limit must be a number\"}");
        }
        String token = query.getOrDefault("continue", "");
        String id;
        int offset;
        if (token.isEmpty()) {
            id = Integer.toString(snapshotIds.incrementAndGet());
            offset = 0;
            snapshots.put(id, store.snapshot());
        } else if (token.matches("[0-9]{1,9}:[0-9]{1,9}")) {
            id = token.substring(0, token.indexOf(':'));
            offset = Integer.parseInt(token.substring(token.indexOf(':') + 1));
        } else {
            id = "";
            offset = -1;
        }
        Snapshot snapshot = snapshots.get(id);
        if (snapshot == null || offset < 0 || offset > snapshot.items().size()) {
            return new MockResponse().setResponseCode(410).setBody(GONE_STATUS);
        }
        int end = limit <= 0 ? snapshot.items().size() : Math.min(snapshot.items().size(), offset + limit);
        int remaining = snapshot.items().size() - end;
        String more = remaining == 0 ? "" : ",\"continue\":\"" + id + ":" + end + "\",\"remainingItemCount\":" + remaining;
        if (remaining == 0) {
            snapshots.remove(id);
        }
        String body = "{\"apiVersion\":\"cilium.io/v2\",\"kind\":\"CiliumNodeList\",\"metadata\":{\"resourceVersion\":\""
                + snapshot.resourceVersion() + "\"" + more + "},\"items\":[" + String.join(",", snapshot.items().subList(offset, end)) + "]}";
        return new MockResponse().setResponseCode(200).addHeader("Content-Type", "application/json").setBody(body);
    }

    private static Map<String, String> query(String path) {
        Map<String, String> parameters = new HashMap<>();
        int start = path.indexOf('?');
        if (start >= 0) {
            for (String pair : path.substring(start + 1).split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                parameters.put(name, value);
            }
        }
        return parameters;
    }

    /**
     * A watch from a resourceVersion, as a real API server serves it: fabric8's CRUD mode opens every
     * watch by sending each stored object as ADDED; of those, only objects changed after that
     * resourceVersion are sent (what happened since the list the client watches from). Without this
     * the stand-in sends a client the whole cluster again on every watch and every reconnect.
     */
    private final class FromResourceVersion extends WebSocketListener {
        private final WebSocketListener crud;
        private final long from;

        /** {@code from} 0: every stored object is news (a watch without a resourceVersion). */
        FromResourceVersion(WebSocketListener crud, long from) {
            this.crud = crud;
            this.from = from;
        }

        @Override
        public void onOpen(WebSocket socket, Response response) {
            openWatches.add(socket);
            crud.onOpen(new WebSocket() {
                @Override
                public RecordedRequest request() {
                    return socket.request();
                }

                @Override
                public boolean send(String event) {
                    return !seenBefore(event) ? socket.send(event) : true;
                }

                @Override
                public boolean send(byte[] event) {
                    return !seenBefore(new String(event, StandardCharsets.UTF_8)) ? socket.send(event) : true;
                }

                @Override
                public boolean close(int code, String reason) {
                    return socket.close(code, reason);
                }
            }, response);
        }

        /**
         * An ADDED event for an object not changed since {@link #from}: the replay, not news. Read from the
         * text (the object's first resourceVersion is its metadata's) rather than parsed: the replay runs on
         * the server's event loop, 50,000 events at a time.
         */
        private boolean seenBefore(String event) {
            if (!event.contains("\"type\":\"ADDED\"")) {
                return false;
            }
            String field = "\"resourceVersion\":\"";
            int start = event.indexOf(field, event.indexOf("\"metadata\":"));
            int end = start < 0 ? -1 : event.indexOf('"', start + field.length());
            String version = end < 0 ? "" : event.substring(start + field.length(), end);
            return version.matches("[0-9]{1,18}") && Long.parseLong(version) <= from;
        }

        @Override
        public void onBeforeAccept(WebSocket socket, Response response) {
            crud.onBeforeAccept(socket, response);
        }

        @Override
        public void onMessage(WebSocket socket, String text) {
            crud.onMessage(socket, text);
        }

        @Override
        public void onMessage(WebSocket socket, byte[] bytes) {
            crud.onMessage(socket, bytes);
        }

        @Override
        public void onClosing(WebSocket socket, int code, String reason) {
            crud.onClosing(socket, code, reason);
        }

        @Override
        public void onClosed(WebSocket socket, int code, String reason) {
            openWatches.remove(socket);
            crud.onClosed(socket, code, reason);
        }

        @Override
        public void onFailure(WebSocket socket, Throwable failure, Response response) {
            openWatches.remove(socket);
            crud.onFailure(socket, failure, response);
        }
    }

    /** fabric8's CRUD state, with its stored CiliumNodes at hand for snapshots and bulk creates. */
    private static final class Store extends KubernetesCrudDispatcher {
        private final ThreadLocal<Boolean> namesKnownFree = ThreadLocal.withInitial(() -> false);
        private final AttributeSet collection;

        Store() {
            super(List.of(CILIUM_NODE));
            collection = getAttributeExtractor().fromPath(NODES_PATH);
        }

        /** A create whose caller has made sure the name is free: skips the search through every stored object. */
        MockResponse createUnique(RecordedRequest create) {
            namesKnownFree.set(true);
            try {
                return handleCreate(create);
            } finally {
                namesKnownFree.set(false);
            }
        }

        @Override
        public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
            return namesKnownFree.get() ? null : super.findResource(attributes);
        }

        /** The stored CiliumNodes (key and JSON), copied under the map's lock. */
        List<Map.Entry<AttributeSet, String>> entries() {
            synchronized (getMap()) {
                return getMap().entrySet().stream().filter(entry -> entry.getKey().matches(collection))
                        .map(entry -> Map.entry(entry.getKey(), entry.getValue())).toList();
            }
        }

        Snapshot snapshot() {
            List<Map.Entry<AttributeSet, String>> entries = new ArrayList<>(entries());
            entries.sort(Comparator.comparing(entry -> nameOf(entry.getKey())));
            return new Snapshot(Long.toString(requestResourceVersion()), entries.stream().map(Map.Entry::getValue).toList());
        }

        static String nameOf(AttributeSet key) {
            return key.getAttribute("name").getValues().get(0).toString();
        }
    }

    private KubernetesMockServer newServer() {
        Dispatcher recordingAndExpiring = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                // Read the body before the CRUD state consumes it.
                requests.add(new Request(Instant.now(), System.nanoTime(), request.getMethod(), request.getPath(),
                        request.getHeader("Content-Type"), request.getHeader("Authorization"),
                        new String(request.getBody().getBytes(), StandardCharsets.UTF_8)));
                boolean watch = request.getPath().contains("watch=true");
                boolean list = request.getPath().matches("\\Q" + NODES_PATH + "\\E(\\?.*)?") && "GET".equals(request.getMethod());
                if (list && !watch) {
                    listsServed.incrementAndGet();
                    watchesGoneUntilList = false;
                }
                if (watch && watchesGoneUntilList) {
                    return new MockResponse().setResponseCode(410).setBody(GONE_STATUS);
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
                MockResponse response = answer(request, list && !watch);
                if (watch && response.getWebSocketListener() != null) {
                    String from = query(request.getPath()).getOrDefault("resourceVersion", "");
                    response.withWebSocketUpgrade(new FromResourceVersion(response.getWebSocketListener(),
                            from.matches("[1-9][0-9]{0,17}") ? Long.parseLong(from) : 0));
                }
                if (watch) {
                    watchesServed.incrementAndGet(); // counted once the watch is registered: changes from now on reach it
                }
                return response;
            }
        };
        return new KubernetesMockServer(new Context(), new MockWebServer(), expectations, recordingAndExpiring, false);
    }
}

package io.ipseckeyagent.simulator.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters;
import io.ipseckeyagent.application.service.AgentSettings;
import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.ipseckeyagent.domain.jitter.RetryBackoff;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.standins.KubeletSecretVolume;
import io.ipseckeyagent.standins.MockApiServer;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Runs the demo: a temporary cluster (mock API server, CiliumNodes, a kubelet-style Secret volume),
 * N real agents, and two rotations of the Secret: SPI 3 to 4 with jitter disabled, then, after the
 * agents restart with jitter on, SPI 4 to 5. The restarted agents find SPI 4 applied and published
 * (state file, CiliumNode) and write nothing before the second rotation.
 */
public final class Demo {
    static final String CLUSTER_NAME = "demo";
    static final Spi FIRST = Spi.of(3);
    static final Duration SETTLE = Duration.ofMillis(300);

    private final DemoSettings settings;
    private final PrintWriter progress;

    /** {@code progress} gets a line per step, and any problem an agent reports. */
    public Demo(DemoSettings settings, PrintWriter progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public DemoResult run() throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("ipsec-key-agent-demo-");
        MockApiServer api = new MockApiServer();
        KubernetesClient client = null;
        try {
            Path kubeconfig = api.writeKubeconfig(work);
            client = KubernetesAdapters.client(KubernetesAdapters.ClientSettings.defaults().withKubeconfig(kubeconfig))
                    .getOrElseThrow(problem -> new IllegalStateException(problem));
            List<NodeName> nodes = nodeNames(settings.nodes());
            for (NodeName node : nodes) {
                api.createNode(node, Option.some(FIRST));
            }
            KubeletSecretVolume secret = new KubeletSecretVolume(work.resolve("secret"));
            secret.write(keyLine(FIRST));
            DemoEvents events = new DemoEvents(progress);
            progress.printf("demo: %d CiliumNodes carry SPI %s; the Secret volume is %s%n", nodes.size(), FIRST,
                    secret.keyFile());
            Cluster cluster = new Cluster(nodes, secret, client, api, events, work);
            Spi second = FIRST.next();
            List<RotationResult> rotations = List.of(rotate(cluster, false, FIRST, second),
                    rotate(cluster, true, second, second.next()));
            return new DemoResult(nodes.size(), "fabric8 mock API server (CRUD) at " + client.getMasterUrl(),
                    nodes.size() + " agents, each watching every CiliumNode", rotations);
        } finally {
            api.close(); // before the client: see MockApiServer#close
            if (client != null) {
                client.close();
            }
            deleteTree(work);
        }
    }

    /** What both rotations share: the nodes, the Secret volume, the API server and its client, the agents' events. */
    private record Cluster(List<NodeName> nodes, KubeletSecretVolume secret, KubernetesClient client, MockApiServer api,
            DemoEvents events, Path work) {}

    /** Starts the agents, rotates the Secret from {@code from} to {@code to}, waits for every publish, stops the agents. */
    private RotationResult rotate(Cluster cluster, boolean jitter, Spi from, Spi to) throws InterruptedException {
        List<NodeName> nodes = cluster.nodes();
        MockApiServer api = cluster.api();
        DemoEvents events = cluster.events();
        String label = jitter ? "uniform" : "disabled";
        AgentSettings first = agentSettings(nodes.get(0), jitter);
        progress.printf("demo: starting %d agents, jitter %s%n", nodes.size(),
                jitter ? "up to " + first.jitter().max().toMillis() / 1000.0 + "s" : "disabled");
        List<DemoAgent> agents = new ArrayList<>();
        try {
            int lookupsBefore = api.lookups();
            List<CompletableFuture<Void>> started = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                NodeName node = nodes.get(i);
                DemoAgent agent = new DemoAgent(agentSettings(node, jitter), cluster.secret().keyFile(),
                        settings.pollInterval(), cluster.work().resolve("state").resolve(node + ".json"), cluster.client(),
                        settings.seed() * 1_000 + i, events,
                        bug -> progress.println("demo: agent " + node + " task failed (a bug): " + bug));
                agents.add(agent);
                started.add(agent.start().toCompletableFuture());
            }
            await(CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)), Duration.ofSeconds(30));
            // Each agent reads its CiliumNode once at start (nothing to publish: it carries the applied SPI).
            waitFor(() -> api.lookups() >= lookupsBefore + nodes.size(), Duration.ofSeconds(30), "the agents' start");
            Thread.sleep(SETTLE.toMillis()); // the lookups' answers travel back to the agents' threads
            for (DemoAgent agent : agents) {
                agent.drain();
            }

            int patchesBefore = api.patches().size();
            long rotatedAt = System.nanoTime();
            cluster.secret().write(keyLine(to));
            progress.printf("demo: the Secret now holds SPI %s; waiting for every agent to publish it%n", to);
            int expectedUpdates = nodes.size() * (nodes.size() - 1);
            waitFor(() -> events.publishedTimes(to).size() >= nodes.size()
                            && events.nodeUpdatedTimes(to).size() >= expectedUpdates,
                    settings.rotationDuration().plusSeconds(10), "the rotation to SPI " + to);
            Thread.sleep(SETTLE.toMillis()); // a PATCH too many would arrive now
            List<MockApiServer.Request> all = api.patches();
            List<MockApiServer.Request> patches = all.subList(patchesBefore, all.size());
            Map<String, Integer> perNode = new TreeMap<>();
            patches.forEach(patch -> patch.node().forEach(node -> perNode.merge(node.value(), 1, Integer::sum)));
            List<Long> published = events.publishedTimes(to);
            Option<Duration> allPublished = published.size() >= nodes.size()
                    ? Option.some(Duration.ofNanos(published.stream().max(Comparator.naturalOrder()).orElse(rotatedAt) - rotatedAt))
                    : Option.none();
            return new RotationResult(label, first.jitter().max(), from, to,
                    perSecond(patches.stream().map(MockApiServer.Request::nanoTime).toList(), rotatedAt), perNode,
                    perSecond(events.nodeUpdatedTimes(to), rotatedAt), allPublished, nodesCarrying(cluster.client(), to),
                    perSecond(published, rotatedAt));
        } finally {
            agents.forEach(DemoAgent::close);
        }
    }

    private AgentSettings agentSettings(NodeName node, boolean jitter) {
        return AgentSettings.of(node, CLUSTER_NAME, settings.jitter(jitter), JitterPolicy.uniform(), RetryBackoff.DEFAULT)
                .getOrElseThrow(() -> new IllegalArgumentException("invalid demo settings: " + settings.problems()));
    }

    static int nodesCarrying(KubernetesClient client, Spi spi) {
        return (int) client.genericKubernetesResources(MockApiServer.CILIUM_NODE).list().getItems().stream()
                .map(GenericKubernetesResource::getAdditionalProperties)
                .map(properties -> properties.get("spec"))
                .filter(spec -> spec instanceof Map<?, ?> fields && fields.get("encryption") instanceof Map<?, ?> encryption
                        && Integer.valueOf(spi.value()).equals(encryption.get("key")))
                .count();
    }

    /** Counts per whole second since {@code start}, up to the last one's second. */
    static int[] perSecond(List<Long> nanoTimes, long start) {
        long last = nanoTimes.stream().max(Comparator.naturalOrder()).orElse(start);
        int[] counts = new int[(int) Math.max(0, (last - start) / 1_000_000_000L) + 1];
        nanoTimes.forEach(at -> counts[(int) Math.max(0, (at - start) / 1_000_000_000L)]++);
        return counts;
    }

    /** node-01 ... node-30. */
    static List<NodeName> nodeNames(int count) {
        int width = Integer.toString(count).length();
        List<NodeName> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(NodeName.of("node-" + "0".repeat(width - Integer.toString(i).length()) + i));
        }
        return names;
    }

    /** A fresh random key for {@code spi}, in the one-line form of Cilium's documented rotation. Never printed. */
    static String keyLine(Spi spi) {
        byte[] key = new byte[20];
        new SecureRandom().nextBytes(key);
        return spi.value() + "+ rfc4106(gcm(aes)) " + HexFormat.of().formatHex(key) + " 128\n";
    }

    static void await(CompletableFuture<?> future, Duration timeout) throws InterruptedException {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the agents did not start within " + timeout.toSeconds() + "s", e);
        }
    }

    static void waitFor(BooleanSupplier done, Duration timeout, String what) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException(what + " did not finish within " + timeout.toSeconds() + "s");
            }
            Thread.sleep(50);
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.ipseckeyagent.simulator.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters;
import io.ipseckeyagent.application.service.AgentSettings;
import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.ipseckeyagent.domain.jitter.JitterSettings;
import io.ipseckeyagent.domain.jitter.RetryBackoff;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.StartMode;
import io.ipseckeyagent.standins.CiliumAgentStandIn;
import io.ipseckeyagent.standins.KubeletSecretVolume;
import io.ipseckeyagent.standins.MockApiServer;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * {@code demo --mode relay}: N agents in relay mode, each next to an in-process stand-in for its
 * cilium-agent ({@link CiliumAgentStandIn}: polls the relayed file, loads it, PATCHes its own
 * CiliumNode). The agents write nothing to the API server; every PATCH counted is a stand-in's. As
 * in the publish-mode demo, two rotations: SPI 3 to 4 with the agents' jitter disabled (Cilium's
 * herd, as today), then, after the agents restart with jitter on (the stand-ins keep running, as
 * cilium-agent does), SPI 4 to 5.
 */
public final class RelayDemo {
    /** Cilium's key watcher polls every 5s against a 5m window; scaled down as the demo's window is. */
    public static final Duration CILIUM_POLL = Duration.ofSeconds(1);
    /** The stand-ins are Cilium before the upstream jitter (releases before 2026): no jitter of their own. */
    private static final boolean CILIUM_HAS_JITTER = false;

    private final DemoSettings settings;
    private final PrintWriter progress;

    public RelayDemo(DemoSettings settings, PrintWriter progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Everything wrong with {@code settings} for relay mode, whose window also holds Cilium's poll. */
    public static Seq<String> problems(DemoSettings settings) {
        return settings.problems().appendAll(jitter(settings, true).resolve().fold(errors -> errors,
                effective -> io.vavr.collection.List.empty())).distinct();
    }

    private static JitterSettings jitter(DemoSettings settings, boolean enabled) {
        return settings.jitter(enabled).relay(CILIUM_POLL, CILIUM_HAS_JITTER);
    }

    /** What the rotations share: nodes, Secret volume, API server, client, events, the stand-ins, the directory. */
    private record Cluster(List<NodeName> nodes, KubeletSecretVolume secret, KubernetesClient client, MockApiServer api,
            DemoEvents events, List<CiliumAgentStandIn> cilium, Path work) {}

    public DemoResult run() throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("ipsec-key-agent-relay-demo-");
        MockApiServer api = new MockApiServer();
        KubernetesClient client = null;
        List<CiliumAgentStandIn> cilium = new ArrayList<>();
        try {
            Path kubeconfig = api.writeKubeconfig(work);
            client = KubernetesAdapters.client(KubernetesAdapters.ClientSettings.defaults().withKubeconfig(kubeconfig))
                    .getOrElseThrow(problem -> new IllegalStateException(problem));
            List<NodeName> nodes = Demo.nodeNames(settings.nodes());
            for (NodeName node : nodes) {
                api.createNode(node, Option.some(Demo.FIRST)); // Cilium read the Secret itself so far
            }
            KubeletSecretVolume secret = new KubeletSecretVolume(work.resolve("secret"));
            secret.write(Demo.keyLine(Demo.FIRST));
            progress.printf("demo: %d CiliumNodes carry SPI %s; starting %d cilium-agent stand-ins (poll %ss, no jitter"
                    + " of their own) on the relayed files%n", nodes.size(), Demo.FIRST, nodes.size(), CILIUM_POLL.toSeconds());
            for (NodeName node : nodes) {
                cilium.add(CiliumAgentStandIn.start(relayFile(work, node), node, api.url(), CILIUM_POLL));
                // Cilium agents start at different times, so their polls are out of phase: spread them over one poll.
                Thread.sleep(CILIUM_POLL.toMillis() / nodes.size());
            }
            Cluster cluster = new Cluster(nodes, secret, client, api, new DemoEvents(progress), cilium, work);
            Spi second = Demo.FIRST.next();
            List<RotationResult> rotations = List.of(rotate(cluster, false, Demo.FIRST, second),
                    rotate(cluster, true, second, second.next()));
            return new DemoResult(nodes.size(), "fabric8 mock API server (CRUD) at " + client.getMasterUrl()
                    + ", in relay mode", nodes.size() + " agents, each watching only its own CiliumNode, next to "
                    + nodes.size() + " cilium-agent stand-ins that PATCH it; on a cluster every cilium-agent watches"
                    + " every CiliumNode", rotations);
        } finally {
            api.close(); // before the clients, the stand-ins' too: see MockApiServer#close
            cilium.forEach(CiliumAgentStandIn::close);
            if (client != null) {
                client.close();
            }
            Demo.deleteTree(work);
        }
    }

    private static Path relayFile(Path work, NodeName node) {
        return work.resolve("host").resolve(node.value()).resolve("keys");
    }

    /**
     * Starts the agents (the first time they relay the Secret at once, and Cilium adopts it), rotates
     * the Secret from {@code from} to {@code to}, waits for every stand-in to load it and every agent
     * to confirm the adoption, stops the agents.
     */
    private RotationResult rotate(Cluster cluster, boolean jitter, Spi from, Spi to) throws InterruptedException {
        List<NodeName> nodes = cluster.nodes();
        MockApiServer api = cluster.api();
        DemoEvents events = cluster.events();
        AgentSettings first = agentSettings(nodes.get(0), jitter);
        progress.printf("demo: starting %d relay agents, jitter %s%n", nodes.size(),
                jitter ? "up to " + first.jitter().max().toMillis() / 1000.0 + "s" : "disabled");
        List<DemoAgent> agents = new ArrayList<>();
        try {
            List<CompletableFuture<Void>> started = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                NodeName node = nodes.get(i);
                Path state = cluster.work().resolve("state").resolve(node + ".json");
                DemoAgent agent = DemoAgent.relaying(agentSettings(node, jitter), cluster.secret().keyFile(),
                        settings.pollInterval(), relayFile(cluster.work(), node), state, cluster.client(),
                        settings.seed() * 1_000 + i, events,
                        bug -> progress.println("demo: agent " + node + " task failed (a bug): " + bug));
                agents.add(agent);
                started.add(agent.start().toCompletableFuture());
            }
            Demo.await(CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)), Duration.ofSeconds(30));
            // Each stand-in holds the relayed key, and each agent knows Cilium adopted it, before the Secret changes.
            Demo.waitFor(() -> cluster.cilium().stream().allMatch(c -> c.loadedSpi().contains(from) && answered(c))
                            && events.publishedTimes(from).size() >= nodes.size(),
                    settings.rotationDuration().plusSeconds(10), "the agents' start");
            Thread.sleep(Demo.SETTLE.toMillis());
            for (DemoAgent agent : agents) {
                agent.drain();
            }

            int patchesBefore = api.patches().size();
            long rotatedAt = System.nanoTime();
            cluster.secret().write(Demo.keyLine(to));
            progress.printf("demo: the Secret now holds SPI %s; waiting for every cilium-agent stand-in to load it%n", to);
            Demo.waitFor(() -> events.publishedTimes(to).size() >= nodes.size()
                            && cluster.cilium().stream().allMatch(c -> c.loadedSpi().contains(to)),
                    settings.rotationDuration().plusSeconds(10), "the rotation to SPI " + to);
            Thread.sleep(Demo.SETTLE.toMillis()); // a PATCH too many would arrive now
            List<MockApiServer.Request> all = api.patches();
            List<MockApiServer.Request> patches = all.subList(patchesBefore, all.size());
            Map<String, Integer> perNode = new TreeMap<>();
            patches.forEach(patch -> patch.node().forEach(node -> perNode.merge(node.value(), 1, Integer::sum)));
            List<Long> adopted = events.publishedTimes(to);
            Option<Duration> allAdopted = adopted.size() >= nodes.size()
                    ? Option.some(Duration.ofNanos(adopted.stream().max(Comparator.naturalOrder()).orElse(rotatedAt) - rotatedAt))
                    : Option.none();
            // No "Node updated" here: the stand-ins watch no node (on a cluster, each PATCH reaches N - 1 cilium-agents).
            return new RotationResult(jitter ? "uniform" : "disabled", first.jitter().max(), from, to,
                    Demo.perSecond(patches.stream().map(MockApiServer.Request::nanoTime).toList(), rotatedAt), perNode,
                    new int[0], allAdopted, Demo.nodesCarrying(cluster.client(), to), Demo.perSecond(adopted, rotatedAt));
        } finally {
            agents.forEach(DemoAgent::close);
        }
    }

    /** The stand-in's last load has had its PATCH answered (it sets the loaded SPI before it sends). */
    private static boolean answered(CiliumAgentStandIn cilium) {
        return cilium.patches() >= cilium.loads() - cilium.loadFailures();
    }

    private AgentSettings agentSettings(NodeName node, boolean jitter) {
        return AgentSettings.of(node, Demo.CLUSTER_NAME, jitter(settings, jitter), JitterPolicy.uniform(), RetryBackoff.DEFAULT)
                .map(agent -> agent.withStartMode(StartMode.RELAY))
                .getOrElseThrow(() -> new IllegalArgumentException("invalid demo settings: " + problems(settings)));
    }
}

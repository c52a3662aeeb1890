package io.ipseckeyagent.simulator.fleet;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.ipseckeyagent.application.port.out.ClusterViewPort;
import io.ipseckeyagent.application.service.AgentSettings;
import io.ipseckeyagent.application.service.RotationService;
import io.ipseckeyagent.adapters.inmemory.InMemoryDatapath;
import io.ipseckeyagent.adapters.inmemory.SeededRandom;
import io.ipseckeyagent.adapters.inmemory.VirtualTime;
import io.ipseckeyagent.domain.jitter.EffectiveJitter;
import io.ipseckeyagent.domain.jitter.RetryBackoff;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.simulator.series.Series;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * N agents, each the real {@link RotationService} with in-memory adapters, on one {@link VirtualTime}
 * (clock and scheduler of them all) in the caller's thread, against one {@link SimulatedApiServer}.
 * The same seed gives the same run: the agents share one {@link SeededRandom}, and the model's own
 * draws (when each node sees the Secret) come from a second seeded source.
 *
 * <p>Every committed write is a watch event for each of the other n - 1 agents. Those are counted;
 * a few sampled agents also receive them through their remote-node use case, as the CiliumNode
 * watch would deliver them, to show the fan-out is real work for every agent.
 */
public final class Fleet {
    /** The key the fleet runs on before the rotation, and the one the Secret rotates to. */
    public static final Spi OLD_SPI = Spi.of(3);
    public static final Spi NEW_SPI = OLD_SPI.next();
    static final String CLUSTER_NAME = "simulated";

    private final FleetModel model;
    private final Scenario scenario;
    private final VirtualTime time = new VirtualTime();
    private final SharedSecret secret = new SharedSecret(OLD_SPI);
    private final SimulatedApiServer api;
    private final FleetEvents events;
    private final EffectiveJitter jitter;
    private final NodeName[] names;
    private final RotationService[] agents;
    private final int[] sampled;
    private final long[] nodeUpdatedSeen;
    private Instant rotatedAt;

    /** {@code tap} sees every event of every agent (pass {@code event -> {}} when not needed). */
    public Fleet(FleetModel model, Scenario scenario, AgentEventsPort tap) {
        this(model, scenario, tap, Cluster.of(model.nodes()));
    }

    /** A fleet on {@code cluster}'s nodes: scenarios of one model share its names and view. */
    Fleet(FleetModel model, Scenario scenario, AgentEventsPort tap, Cluster cluster) {
        this.model = model;
        this.scenario = scenario;
        this.api = new SimulatedApiServer(time, model.api());
        this.events = new FleetEvents(tap);
        this.names = cluster.names();
        this.agents = new RotationService[names.length];
        this.sampled = sampledAgents(model.nodes(), model.sampledObservers());
        this.nodeUpdatedSeen = new long[sampled.length];
        SortedSet<NodeName> view = cluster.view();
        ClusterViewPort clusterView = () -> view;
        SeededRandom random = new SeededRandom(model.seed());
        AgentSettings template = settings(names[0]); // checked once; each agent differs only by its name
        for (int i = 0; i < names.length; i++) {
            AgentSettings settings = new AgentSettings(names[i], template.clusterName(), template.jitter(),
                    template.policy(), template.retryBackoff(), template.settle(), template.startMode());
            agents[i] = new RotationService(settings, secret, new InMemoryDatapath(), api, clusterView, time, time,
                    random, eventsOf(i));
        }
        this.jitter = template.jitter();
        this.rotatedAt = time.now();
        api.onWrite(this::deliverToSampledAgents);
    }

    /**
     * Every CiliumNode carries the old key and every agent starts on it (nothing to publish); runs
     * until all is quiet. Nothing of this is recorded. The sampled agents are not fed the watch's first
     * list: the core keeps nothing of what it is told about other nodes (the watch does), so a listing
     * would change no figure.
     */
    public void start() {
        for (NodeName name : names) {
            api.store(name, OLD_SPI);
        }
        for (RotationService agent : agents) {
            agent.start();
        }
        time.runUntilIdle();
    }

    /** The Secret changes to the new key now; each node sees it within the detection skew. Returns when it changed. */
    public Instant rotate() {
        rotatedAt = time.now();
        api.recordFrom(rotatedAt);
        events.recordFrom(rotatedAt);
        Arrays.fill(nodeUpdatedSeen, 0);
        secret.rotateTo(NEW_SPI);
        SplittableRandom skew = new SplittableRandom(~model.seed());
        long skewNanos = model.detectionSkew().toNanos();
        for (RotationService agent : agents) {
            time.runAfterNanos(skewNanos == 0 ? 0 : skew.nextLong(skewNanos), agent::keyFileChanged);
        }
        return rotatedAt;
    }

    /** Runs every agent's work, in virtual time, until nothing is left to do. */
    public void runUntilIdle() {
        time.runUntilIdle();
    }

    public VirtualTime time() {
        return time;
    }

    public SimulatedApiServer apiServer() {
        return api;
    }

    /** The nodes' names, sorted. */
    public NodeName[] nodes() {
        return names.clone();
    }

    /** The figures of the last rotation. */
    public ScenarioResult result() {
        Times published = events.published();
        Option<Duration> allPublished = published.size() == names.length
                ? Option.some(Duration.ofNanos(published.last()))
                : Option.none();
        Rate writes = Rate.of(api.writes());
        long fewest = Arrays.stream(nodeUpdatedSeen).min().orElse(0);
        long most = Arrays.stream(nodeUpdatedSeen).max().orElse(0);
        Option<Duration> spread = published.size() == names.length
                ? Option.some(Duration.ofNanos(published.last() - published.first()))
                : Option.none();
        return new ScenarioResult(scenario, names.length, jitter.bound(names.length).max(), api.nodesCarrying(NEW_SPI), writes,
                Rate.of(api.requests()), api.tooManyRequests(), api.serverErrors(), events.failedAttempts(),
                (long) writes.peak() * (names.length - 1), writes.total() * (names.length - 1), allPublished,
                events.longestSinceDetected(), events.overdue(), spread, model.rotationDuration(),
                jitter.bound(names.length).shortfall(), Duration.ofNanos(published.percentile(0.5)),
                Duration.ofNanos(published.percentile(0.99)),
                new ScenarioResult.SampledObservers(sampled.length, fewest, most),
                Series.of(scenario.label(), api.requests().perSecond(), Series.times(api.writes().perSecond(), names.length - 1),
                        published.perSecond()));
    }

    private AgentSettings settings(NodeName name) {
        return AgentSettings.of(name, CLUSTER_NAME, scenario.settings(model.jitter()), scenario.policy(), RetryBackoff.DEFAULT)
                .getOrElseThrow(() -> new IllegalArgumentException("invalid jitter settings: " + model.problems()));
    }

    /** Sampled agents count the "Node updated" events they report; the others share the fleet's events. */
    private AgentEventsPort eventsOf(int agent) {
        int slot = Arrays.binarySearch(sampled, agent);
        if (slot < 0) {
            return events;
        }
        return event -> {
            if (event instanceof AgentEvent.RemoteNodeUpdated) {
                nodeUpdatedSeen[slot]++;
            }
            events.emit(event);
        };
    }

    private void deliverToSampledAgents(NodeName writer, Spi spi) {
        Option<Spi> key = Option.some(spi); // one per write, not one per sampled agent
        for (int agent : sampled) {
            if (!names[agent].equals(writer)) {
                agents[agent].remoteNodeKeyChanged(writer, key);
            }
        }
    }

    /** The nodes' names, sorted, and the cluster view every agent shares: built once per model, read only. */
    record Cluster(NodeName[] names, SortedSet<NodeName> view) {

        static Cluster of(int nodes) {
            NodeName[] names = nodeNames(nodes);
            return new Cluster(names, TreeSet.of(names));
        }

        /** node-0000 ... node-4999: zero-padded, so name order is number order (what {@code rank} sorts by). */
        private static NodeName[] nodeNames(int count) {
            int width = Integer.toString(count - 1).length();
            NodeName[] names = new NodeName[count];
            for (int i = 0; i < count; i++) {
                names[i] = NodeName.of("node-" + "0".repeat(width - Integer.toString(i).length()) + i);
            }
            return names;
        }
    }

    /** {@code count} agents spread evenly over the fleet, in increasing order. */
    private static int[] sampledAgents(int nodes, int count) {
        int taken = Math.min(count, nodes);
        int[] picked = new int[taken];
        for (int i = 0; i < taken; i++) {
            picked[i] = (int) ((long) i * nodes / taken);
        }
        return picked;
    }
}

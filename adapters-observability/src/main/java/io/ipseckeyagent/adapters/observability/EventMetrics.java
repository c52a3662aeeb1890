package io.ipseckeyagent.adapters.observability;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.vavr.collection.List;
import io.ipseckeyagent.application.port.out.AgentEvent.AdoptionOverdue;
import io.ipseckeyagent.application.port.out.AgentEvent.ApplyFailed;
import io.ipseckeyagent.application.port.out.AgentEvent.ClusterViewFailing;
import io.ipseckeyagent.application.port.out.AgentEvent.ClusterViewStale;
import io.ipseckeyagent.application.port.out.AgentEvent.ClusterViewSynced;
import io.ipseckeyagent.application.port.out.AgentEvent.JitterChosen;
import io.ipseckeyagent.application.port.out.AgentEvent.KeyAdoptionConfirmed;
import io.ipseckeyagent.application.port.out.AgentEvent.KeyPublished;
import io.ipseckeyagent.application.port.out.AgentEvent.KeysApplied;
import io.ipseckeyagent.application.port.out.AgentEvent.KeysRejected;
import io.ipseckeyagent.application.port.out.AgentEvent.KeysUnchanged;
import io.ipseckeyagent.application.port.out.AgentEvent.KeyFileChangeDetected;
import io.ipseckeyagent.application.port.out.AgentEvent.KeysLoaded;
import io.ipseckeyagent.application.port.out.AgentEvent.PublishFailed;
import io.ipseckeyagent.application.port.out.AgentEvent.PublishedKeyLookupFailed;
import io.ipseckeyagent.application.port.out.AgentEvent.RemoteNodeRemoved;
import io.ipseckeyagent.application.port.out.AgentEvent.RemoteNodeUpdated;
import io.ipseckeyagent.application.port.out.AgentEvent.RotationCancelled;
import io.ipseckeyagent.application.port.out.AgentEvent.KeyFileSettleCutShort;
import io.ipseckeyagent.application.port.out.AgentEvent.KeyIdWentBack;
import io.ipseckeyagent.application.port.out.AgentEvent.OwnNodeConverged;
import io.ipseckeyagent.application.port.out.AgentEvent.OwnNodeDriftDetected;
import io.ipseckeyagent.application.port.out.AgentEvent.RotationResumed;
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;

/** Counts and times agent events as Prometheus metrics named {@code ipsec_key_agent_*}. */
final class EventMetrics implements AgentEventsPort {
    static final String PREFIX = "ipsec_key_agent_";

    /** The jitter is bounded by the cap, 205 s by default ({@code auto} draws far less in small clusters). */
    private static final double[] JITTER_BUCKETS = {0, 1, 2.5, 5, 10, 20, 30, 45, 60, 90, 120, 150, 210, 300};
    /** Detection to publish: the jitter plus retries; beyond the 5 min window adoption is overdue. */
    private static final double[] LATENCY_BUCKETS = {0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 90, 120, 150, 300, 600};

    private final Gauge activeSpi;
    // One counter per thing counted (a rotation is applied, then published: never sum them).
    private final Counter keyFileChanges;
    private final Counter keysApplied;
    private final Counter keysUnchanged;
    private final Counter applyFailures;
    private final Counter keysPublished;
    private final Counter rotationsCancelled;
    private final Histogram jitterDelay;
    private final Gauge jitterMax;
    private final Histogram detectionToPublish;
    private final Counter keyLoadFailures;
    private final Counter publishAttempts;
    private final Counter keyLookupFailures;
    private final Counter remoteNodeUpdates;
    private final Counter adoptionOverdue;
    private final Counter clusterViewFailures;
    private final Gauge clusterViewStale;
    private final Gauge ownNodeDrift;
    private final Counter ownNodeDrifts;
    private final Counter relayAdoptions;
    private final Gauge relayAdoptionOverdue;

    EventMetrics(PrometheusRegistry registry) {
        activeSpi = Gauge.builder().name(PREFIX + "active_spi")
                .help("SPI of the IPsec key the datapath uses now; 0 before the first key is applied")
                .withoutExemplars()
                .register(registry);
        keyFileChanges = counter(registry, "key_file_changes", "Key file changes seen (after coalescing bursts)");
        keysApplied = counter(registry, "keys_applied", "Key sets applied to the datapath");
        keysUnchanged = counter(registry, "keys_unchanged", "Key file changes that left the active key as it was");
        applyFailures = counter(registry, "apply_failures", "Key sets the datapath failed to apply");
        keysPublished = counter(registry, "keys_published", "SPIs written to this node's CiliumNode");
        rotationsCancelled = counter(registry, "rotations_cancelled", "Pending jitter waits ended by a stop");
        jitterDelay = Histogram.builder().name(PREFIX + "jitter_delay_seconds")
                .help("The delay drawn between seeing a new key and publishing its SPI")
                .classicOnly().classicUpperBounds(JITTER_BUCKETS)
                .withoutExemplars()
                .register(registry);
        jitterMax = Gauge.builder().name(PREFIX + "jitter_max_seconds")
                .help("The bound of the last jitter draw (auto: min(known nodes / target rate, cap))")
                .withoutExemplars()
                .register(registry);
        detectionToPublish = Histogram.builder().name(PREFIX + "detection_to_publish_seconds")
                .help("Time from seeing a key file change to the CiliumNode carrying the new SPI")
                .classicOnly().classicUpperBounds(LATENCY_BUCKETS)
                .withoutExemplars()
                .register(registry);
        keyLoadFailures = Counter.builder().name(PREFIX + "key_load_failures")
                .help("Key files that could not be read or were invalid")
                .withoutExemplars()
                .register(registry);
        publishAttempts = Counter.builder().name(PREFIX + "publish_attempts")
                .help("Attempts to write the SPI to this node's CiliumNode, by outcome")
                .labelNames("outcome")
                .withoutExemplars()
                .register(registry);
        PublishOutcomes.NAMES.forEach(publishAttempts::initLabelValues);
        keyLookupFailures = Counter.builder().name(PREFIX + "key_lookup_failures")
                .help("Failed reads at start of the SPI this node's CiliumNode publishes, by outcome")
                .labelNames("outcome")
                .withoutExemplars()
                .register(registry);
        PublishOutcomes.NAMES.remove("published").forEach(keyLookupFailures::initLabelValues);
        remoteNodeUpdates = Counter.builder().name(PREFIX + "remote_node_updates")
                .help("Key id changes seen on other nodes' CiliumNodes")
                .withoutExemplars()
                .register(registry);
        adoptionOverdue = Counter.builder().name(PREFIX + "adoption_overdue")
                .help("Keys not applied and published within the rotation window")
                .withoutExemplars()
                .register(registry);
        clusterViewFailures = Counter.builder().name(PREFIX + "cluster_view_failures")
                .help("Failed lists and watches of CiliumNodes")
                .withoutExemplars()
                .register(registry);
        clusterViewStale = Gauge.builder().name(PREFIX + "cluster_view_stale")
                .help("1 while no list or watch of CiliumNodes succeeded for longer than the staleness bound")
                .withoutExemplars()
                .register(registry);
        ownNodeDrift = Gauge.builder().name(PREFIX + "own_node_drift")
                .help("1 while this node's CiliumNode holds another SPI than the applied one, else 0")
                .withoutExemplars()
                .register(registry);
        ownNodeDrifts = Counter.builder().name(PREFIX + "own_node_drifts")
                .help("Drifts of this node's CiliumNode from the applied SPI, by cause (this_node: its own late write)")
                .labelNames("cause")
                .withoutExemplars()
                .register(registry);
        List.of("this_node", "other").forEach(ownNodeDrifts::initLabelValues);
        relayAdoptions = Counter.builder().name(PREFIX + "relay_adoptions")
                .help("Relay mode: relayed keys that cilium-agent adopted (its CiliumNode showed the SPI)")
                .withoutExemplars()
                .register(registry);
        relayAdoptionOverdue = Gauge.builder().name(PREFIX + "relay_adoption_overdue")
                .help("1 while the newest key is past its deadline without being adopted (relay mode: cilium-agent"
                        + " has not published the relayed SPI), else 0")
                .withoutExemplars()
                .register(registry);
    }

    @Override
    public void emit(AgentEvent event) {
        switch (event) {
            case JitterChosen e -> {
                jitterDelay.observe(seconds(e.delay()));
                jitterMax.set(seconds(e.max()));
            }
            case KeyFileChangeDetected e -> keyFileChanges.inc();
            case KeysRejected e -> keyLoadFailures.inc();
            case KeysUnchanged e -> {
                activeSpi.set(e.activeSpi().value());
                keysUnchanged.inc();
            }
            case KeysApplied e -> {
                activeSpi.set(e.applied().activeSpi().value());
                keysApplied.inc();
            }
            case ApplyFailed e -> applyFailures.inc();
            case KeyPublished e -> {
                keysPublished.inc();
                publishAttempts.labelValues("published").inc();
                detectionToPublish.observe(seconds(e.sinceDetected()));
                relayAdoptionOverdue.set(0);
            }
            case KeyAdoptionConfirmed e -> {
                relayAdoptions.inc();
                relayAdoptionOverdue.set(0);
                detectionToPublish.observe(seconds(e.sinceDetected()));
            }
            case PublishFailed e -> publishAttempts.labelValues(PublishOutcomes.name(e.outcome())).inc();
            case PublishedKeyLookupFailed e -> keyLookupFailures.labelValues(PublishOutcomes.name(e.outcome())).inc();
            case AdoptionOverdue e -> {
                adoptionOverdue.inc();
                relayAdoptionOverdue.set(1);
            }
            case RemoteNodeUpdated e -> remoteNodeUpdates.inc();
            case RotationCancelled e -> rotationsCancelled.inc();
            case ClusterViewSynced e -> clusterViewStale.set(0);
            case ClusterViewFailing e -> clusterViewFailures.inc();
            case ClusterViewStale e -> clusterViewStale.set(1);
            case OwnNodeDriftDetected e -> {
                ownNodeDrift.set(1);
                ownNodeDrifts.labelValues(e.causedByThisNode() ? "this_node" : "other").inc();
            }
            case OwnNodeConverged e -> ownNodeDrift.set(0);
            // Counted elsewhere (KeysApplied, KeysRejected...) or not worth a metric.
            case KeysLoaded e -> {}
            case RemoteNodeRemoved e -> {}
            case KeyFileSettleCutShort e -> {}
            case RotationResumed e -> {}
            case KeyIdWentBack e -> {}
        }
    }

    private static Counter counter(PrometheusRegistry registry, String name, String help) {
        return Counter.builder().name(PREFIX + name).help(help).withoutExemplars().register(registry);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}

package io.ipseckeyagent.adapters.observability;

import io.ipseckeyagent.application.port.out.AgentEvent;
import io.ipseckeyagent.application.port.out.AgentEvent.AdoptionOverdue;
import io.ipseckeyagent.application.port.out.AgentEvent.ApplyFailed;
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
import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vavr.collection.List;
import java.time.Duration;

/** Counts and times agent events as Prometheus metrics named {@code ipsec_key_agent_*}. */
final class EventMetrics implements AgentEventsPort {
    static final String PREFIX = "ipsec_key_agent_";

    /** The jitter is bounded by half the rotation window, 150 s by default. */
    private static final double[] JITTER_BUCKETS = {0, 1, 2.5, 5, 10, 20, 30, 45, 60, 90, 120, 150, 300};
    /** Detection to publish: the jitter plus retries; beyond the 5 min window adoption is overdue. */
    private static final double[] LATENCY_BUCKETS = {0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 90, 120, 150, 300, 600};

    /** Exposed from the start at 0, so rates and alerts work before the first rotation. */
    private static final List<String> ROTATION_OUTCOMES =
            List.of("applied", "unchanged", "rejected", "apply_failed", "published", "cancelled");

    private final Gauge activeSpi;
    private final Counter rotations;
    private final Histogram jitterDelay;
    private final Histogram detectionToPublish;
    private final Counter keyLoadFailures;
    private final Counter publishAttempts;
    private final Counter keyLookupFailures;
    private final Counter remoteNodeUpdates;
    private final Counter adoptionOverdue;
    private final Counter relayAdoptions;
    private final Gauge relayAdoptionOverdue;

    EventMetrics(PrometheusRegistry registry) {
        activeSpi = Gauge.builder().name(PREFIX + "active_spi")
                .help("SPI of the IPsec key the datapath uses now; 0 before the first key is applied")
                .withoutExemplars()
                .register(registry);
        rotations = Counter.builder().name(PREFIX + "rotations")
                .help("Key file changes by what came of them")
                .labelNames("outcome")
                .withoutExemplars()
                .register(registry);
        ROTATION_OUTCOMES.forEach(rotations::initLabelValues);
        jitterDelay = Histogram.builder().name(PREFIX + "jitter_delay_seconds")
                .help("The delay drawn between seeing a new key and publishing its SPI")
                .classicOnly().classicUpperBounds(JITTER_BUCKETS)
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
            case JitterChosen e -> jitterDelay.observe(seconds(e.delay()));
            case KeysRejected e -> {
                keyLoadFailures.inc();
                rotations.labelValues("rejected").inc();
            }
            case KeysUnchanged e -> {
                activeSpi.set(e.activeSpi().value());
                rotations.labelValues("unchanged").inc();
            }
            case KeysApplied e -> {
                activeSpi.set(e.applied().activeSpi().value());
                rotations.labelValues("applied").inc();
            }
            case ApplyFailed e -> rotations.labelValues("apply_failed").inc();
            case KeyPublished e -> {
                rotations.labelValues("published").inc();
                publishAttempts.labelValues("published").inc();
                detectionToPublish.observe(seconds(e.sinceDetected()));
                relayAdoptionOverdue.set(0);
            }
            case KeyAdoptionConfirmed e -> {
                rotations.labelValues("published").inc();
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
            case RotationCancelled e -> rotations.labelValues("cancelled").inc();
            // Counted elsewhere (KeysApplied, KeysRejected...) or not worth a metric.
            case KeyFileChangeDetected e -> {}
            case KeysLoaded e -> {}
            case RemoteNodeRemoved e -> {}
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}

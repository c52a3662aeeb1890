package io.ipseckeyagent.bootstrap.observability;

import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vavr.collection.List;
import java.net.InetSocketAddress;
import org.slf4j.LoggerFactory;

/**
 * Logs, metrics and health of one agent, all fed by its events: plug {@link #events()} in as the
 * core's {@link AgentEventsPort} and {@link #serve} {@code /metrics} and {@code /healthz}. Each
 * instance has its own Prometheus registry, so several agents (or tests) share a JVM safely.
 */
public final class Observability {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final HealthState health = new HealthState();
    private final AgentEventsPort events;

    private Observability(AgentEventsPort eventLog) {
        this.events = fanOut(eventLog, new EventMetrics(registry), health);
    }

    /** Events logged to {@link AgentLogging#EVENTS_LOGGER}, counted in a new registry, and tracked for health. */
    public static Observability create() {
        return new Observability(AgentLogging.eventLog());
    }

    /** As {@link #create()}, with events logged by {@code eventLog} (for example {@link AgentLogging#eventLog(org.slf4j.Logger)}). */
    public static Observability create(AgentEventsPort eventLog) {
        return new Observability(eventLog);
    }

    /**
     * One port that hands each event to every target in order; a target that throws is logged and
     * skipped, and the others still get the event.
     */
    public static AgentEventsPort fanOut(AgentEventsPort... targets) {
        return new FanOutEvents(List.of(targets), LoggerFactory.getLogger(FanOutEvents.class));
    }

    /** The port the core reports to: log, metrics and health. */
    public AgentEventsPort events() {
        return events;
    }

    public HealthStatus health() {
        return health.status();
    }

    /** This agent's metrics; other components may register theirs here too. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /**
     * Starts serving {@code /metrics} and {@code /healthz} on {@code address} (port 0: any free port).
     *
     * @throws java.io.UncheckedIOException when the address cannot be bound
     */
    public ObservabilityServer serve(InetSocketAddress address) {
        return ObservabilityServer.start(address, registry, health::status);
    }
}

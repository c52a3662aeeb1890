package io.ipseckeyagent.adapters.observability;

import io.ipseckeyagent.application.port.out.AgentEventsPort;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryPoolAllocationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import org.slf4j.LoggerFactory;

/**
 * Logs, metrics and health of one agent, all fed by its events: plug {@link #events()} in as the
 * core's {@link AgentEventsPort} and {@link #serve} {@code /metrics} and {@code /healthz}. Each
 * instance has its own Prometheus registry, so several agents (or tests) share a JVM safely.
 */
public final class ObservabilityAdapters {
    /** The logger that agent events are written to (the {@code source} of their lines). */
    public static final String EVENTS_LOGGER = "io.ipseckeyagent.agent";
    /** The logger of the start-up line ({@code subsys=daemon}, as cilium-agent's). */
    static final String STARTUP_LOGGER = "io.ipseckeyagent.bootstrap";

    /** The HTTP endpoint {@link #serve} starts; {@link #close()} stops it. */
    public interface Server extends AutoCloseable {
        /** The address actually bound: with port 0, the port the system chose. */
        InetSocketAddress address();

        default int port() {
            return address().getPort();
        }

        @Override
        void close();
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final HealthState health = new HealthState();
    private final AgentEventsPort events;

    private ObservabilityAdapters(AgentEventsPort eventLog) {
        this.events = fanOut(eventLog, new EventMetrics(registry), health);
        BuildInfo.register(registry);
    }

    /** Events logged to {@link #EVENTS_LOGGER}, counted in a new registry, and tracked for health. */
    public static ObservabilityAdapters create() {
        return new ObservabilityAdapters(eventLog());
    }

    /** As {@link #create()}, with events logged by {@code eventLog} (for example {@link #eventLog(org.slf4j.Logger)}). */
    public static ObservabilityAdapters create(AgentEventsPort eventLog) {
        return new ObservabilityAdapters(eventLog);
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

    /**
     * Adds the Prometheus Java client's JVM and process metrics ({@code jvm_*}, {@code process_*}) to
     * this registry: for the agent's process, not for tests or simulations that run many agents.
     */
    public ObservabilityAdapters withJvmMetrics() {
        // JvmMetrics.builder() without JvmNativeMemoryMetrics: it starts JMX's DiagnosticCommand (about
        // 2.8 s of start-up on the build machine) to report native memory tracking, which is off anyway.
        JvmThreadsMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmCompilationMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmMemoryPoolAllocationMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
        return this;
    }

    /**
     * Logs the start-up line with the effective configuration, as cilium-agent logs its flags:
     * {@code settings} by option name, as resolved (paths, durations; never key material).
     */
    public static void logStartup(java.util.Map<String, String> settings) {
        var line = LoggerFactory.getLogger(STARTUP_LOGGER).atInfo().setMessage("Starting ipsec-key-agent")
                .addKeyValue("version", BuildInfo.version());
        settings.forEach(line::addKeyValue);
        line.log();
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
    public Server serve(InetSocketAddress address) {
        return ObservabilityServer.start(address, registry, health::status);
    }

    /** Why {@link #serve(ListenAddress)} serves nothing; each problem starts with the address as written. */
    public sealed interface ServeFailure {
        String problem();

        /** The host does not resolve: the configuration's fault. */
        record Unresolved(String problem) implements ServeFailure {}

        /** The address cannot be bound (a port in use, ...). */
        record CannotBind(String problem) implements ServeFailure {}
    }

    /** Serves {@code /metrics} and {@code /healthz} on the address as the operator wrote it, and logs where. */
    public Either<ServeFailure, Server> serve(ListenAddress address) {
        InetSocketAddress socket = address.socket();
        if (socket.isUnresolved()) {
            return Either.left(new ServeFailure.Unresolved(address + ": cannot resolve " + address.host()));
        }
        try {
            Server server = serve(socket);
            LoggerFactory.getLogger(ObservabilityAdapters.class).atInfo().setMessage("Serving metrics and health")
                    .addKeyValue("address", server.address().getHostString() + ":" + server.port()).addKeyValue("paths", "/metrics,/healthz").log();
            return Either.right(server);
        } catch (UncheckedIOException e) {
            return Either.left(new ServeFailure.CannotBind(address + ": " + e.getMessage()));
        }
    }

    /** Applies {@code --log-format} and {@code --log-level} to the SLF4J backend, also to loggers that already exist. */
    public static void configureLogging(LogFormat format, LogLevel level) {
        AgentLogServiceProvider.LOGGERS.configure(format, level);
    }

    /** An events adapter that logs each event to {@link #EVENTS_LOGGER}. */
    public static AgentEventsPort eventLog() {
        return eventLog(LoggerFactory.getLogger(EVENTS_LOGGER));
    }

    /** An events adapter that logs each event to {@code logger}. */
    public static AgentEventsPort eventLog(org.slf4j.Logger logger) {
        return new EventLog(logger);
    }

    /**
     * Parses {@code [HOST]:PORT} as Go's listeners take it: {@code :9966}, {@code 127.0.0.1:9966},
     * {@code [::1]:9966}; port 0 picks a free port. The left side says what is wrong.
     */
    public static io.vavr.control.Either<String, InetSocketAddress> parseAddress(String text) {
        return ObservabilityServer.parseAddress(text);
    }
}

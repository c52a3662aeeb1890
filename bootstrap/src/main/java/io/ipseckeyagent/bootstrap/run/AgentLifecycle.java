package io.ipseckeyagent.bootstrap.run;

import com.google.inject.Injector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters.NodeWatch;
import io.ipseckeyagent.adapters.observability.ObservabilityAdapters;
import io.ipseckeyagent.adapters.runtime.RuntimeAdapters;
import io.ipseckeyagent.adapters.runtime.RuntimeAdapters.OwnedScheduler;
import io.ipseckeyagent.application.service.RotationService;
import io.ipseckeyagent.bootstrap.config.RunConfiguration;
import io.ipseckeyagent.bootstrap.config.RunOptions;
import io.ipseckeyagent.bootstrap.wiring.StartupFailure;
import io.ipseckeyagent.plugin.KeySourcePlugin;
import io.ipseckeyagent.pluginhost.AgentPluginContext;
import io.ipseckeyagent.pluginhost.ChosenPlugins;
import io.vavr.control.Option;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order the wired agent's parts start in; the runtime adapters' {@link RuntimeAdapters.Lifecycle}
 * stops them in reverse. Start: the metrics server, the CiliumNode watch (the cluster view), the key
 * file watch, then the core's start use case; the watch comes before the core's first load so that no
 * change can fall between the two. Stop: the core (a pending jitter wait is cancelled), the key file
 * watch, the CiliumNode watch, the metrics server, plugin resources, the API server client, the
 * agent's thread. Every wait is bounded; a stop may come at any point of a start.
 */
public final class AgentLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AgentLifecycle.class);

    /** How long start waits for the first list of CiliumNodes (the informer keeps trying after). */
    static final Duration CLUSTER_LIST_WAIT = Duration.ofSeconds(3);
    /** How long one step waits for the agent's thread to finish what it was given. */
    static final Duration STEP_WAIT = Duration.ofSeconds(1);

    private final RunConfiguration configuration;
    private final ObservabilityAdapters observability;
    private final OwnedScheduler scheduler;
    private final KubernetesClient client;
    private final NodeWatch clusterWatch;
    private final KeySourcePlugin keySource;
    private final AgentPluginContext pluginContext;
    private final RotationService core;
    private final RuntimeAdapters.Lifecycle parts = RuntimeAdapters.lifecycle("Agent stopped");
    private volatile Option<InetSocketAddress> metricsAddress = Option.none();

    /** The parts of a wired agent. */
    public AgentLifecycle(Injector injector) {
        this.configuration = injector.getInstance(RunConfiguration.class);
        this.observability = injector.getInstance(ObservabilityAdapters.class);
        this.scheduler = injector.getInstance(OwnedScheduler.class);
        this.client = injector.getInstance(KubernetesClient.class);
        this.clusterWatch = injector.getInstance(NodeWatch.class);
        this.keySource = injector.getInstance(ChosenPlugins.class).keySource();
        this.pluginContext = injector.getInstance(AgentPluginContext.class);
        this.core = injector.getInstance(RotationService.class);
    }

    /**
     * Starts every part, in order, and returns once the core has handled its start (the key file is
     * loaded). Returns false if a stop came first.
     *
     * @throws StartupFailure when a part cannot start; call {@link #stop()} to stop what did
     */
    public boolean start() {
        // What wiring built is closed even if a later step fails, so it is recorded first.
        boolean running = parts.started("agent thread", () -> scheduler.shutdown(STEP_WAIT))
                && parts.started("API server client", client::close)
                && parts.started("plugin resources", pluginContext)
                && startMetricsServer()
                && startClusterWatch()
                && parts.started("key file watch", keySource.watch(pluginContext, core));
        if (!running) {
            return false;
        }
        core.start();
        // The core cancels a pending jitter wait and its retries on its own thread; its stop waits for that.
        return parts.started("rotation core", () -> {
            core.stop();
            awaitIdle();
        }) && awaitIdle();
    }

    /**
     * Stops every part that started, the last started first; a part that fails to stop is logged and
     * the others are still stopped. Returns true if this call did the stopping.
     */
    public boolean stop() {
        return parts.stop();
    }

    /** Returns once {@link #stop()} has finished. */
    public void awaitStopped() throws InterruptedException {
        parts.awaitStopped();
    }

    /** Where {@code /metrics} and {@code /healthz} are served, once they are. */
    public Option<InetSocketAddress> metricsAddress() {
        return metricsAddress;
    }

    private boolean startMetricsServer() {
        return configuration.observability().prometheusServeAddr().fold(() -> true, address -> {
            ObservabilityAdapters.Server server = observability.serve(address).getOrElseThrow(failure -> {
                String problem = RunOptions.PROMETHEUS_SERVE_ADDR.flag() + " " + failure.problem();
                return switch (failure) {
                    case ObservabilityAdapters.ServeFailure.Unresolved unresolved -> StartupFailure.invalidConfiguration(problem);
                    case ObservabilityAdapters.ServeFailure.CannotBind cannotBind -> StartupFailure.cannotStart(problem);
                };
            });
            metricsAddress = Option.some(server.address());
            return parts.started("metrics server", server::close);
        });
    }

    /** Waits a little for the first list (the {@code rank} policy's cluster, relay mode's own node); the watch retries for ever. */
    private boolean startClusterWatch() {
        return parts.started(clusterWatch.part(), clusterWatch::close) && clusterWatch.startWithin(CLUSTER_LIST_WAIT);
    }

    /** Returns once the agent's thread has run everything queued so far (bounded); false if interrupted. */
    private boolean awaitIdle() {
        try {
            if (!scheduler.awaitIdle(STEP_WAIT)) {
                log.atWarn().setMessage("The agent's thread is still busy").addKeyValue("waited", STEP_WAIT.toMillis() + "ms").log();
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package io.ipseckeyagent.bootstrap.run;

import io.ipseckeyagent.bootstrap.config.ConfigProblem;
import io.ipseckeyagent.bootstrap.config.RunConfiguration;
import io.ipseckeyagent.bootstrap.config.RunLauncher;
import io.ipseckeyagent.adapters.k8s.KubernetesAdapters;
import io.ipseckeyagent.adapters.observability.ObservabilityAdapters;
import io.ipseckeyagent.adapters.runtime.RuntimeAdapters;
import io.ipseckeyagent.adapters.runtime.RuntimeAdapters.ShutdownSignal;
import io.ipseckeyagent.bootstrap.wiring.AgentInjector;
import io.ipseckeyagent.bootstrap.wiring.StartupFailure;
import io.ipseckeyagent.domain.time.GoDuration;
import io.vavr.collection.Seq;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code run}'s launcher: sets up logging, wires the agent, starts it, logs "agent ready", and
 * returns 0 once a shutdown signal has stopped it. Exit 2 when the configuration is wrong in a way
 * only wiring finds (an unknown plugin, an unusable kubeconfig), 1 when a part cannot start.
 */
public final class AgentRunLauncher implements RunLauncher {
    private static final Logger log = LoggerFactory.getLogger(AgentRunLauncher.class);

    /** The most a stop may take before the process exits anyway. */
    static final Duration STOP_BOUND = Duration.ofMillis(4500);

    private final ShutdownSignal shutdownSignal;

    /**
     * Stops on SIGTERM and SIGINT; the Kubernetes client's one-time set-up starts now, in the
     * background, while the configuration is read.
     */
    public static AgentRunLauncher preparing() {
        KubernetesAdapters.prepareInBackground();
        return new AgentRunLauncher(RuntimeAdapters.jvmShutdownHook("ipsec-key-agent", STOP_BOUND));
    }

    public AgentRunLauncher(ShutdownSignal shutdownSignal) {
        this.shutdownSignal = shutdownSignal;
    }

    @Override
    public int launch(RunConfiguration configuration, Seq<ConfigProblem> warnings) {
        ObservabilityAdapters.configureLogging(configuration.observability().logFormat(), configuration.observability().logLevel());
        warnings.forEach(warning -> log.atWarn().setMessage("Configuration warning")
                .addKeyValue("where", warning.where()).addKeyValue("warning", warning.message()).log());
        // The effective configuration, as cilium-agent logs its flags (paths and durations, no key material).
        ObservabilityAdapters.logStartup(configuration.settings()
                .put("effective-jitter-max", GoDuration.format(configuration.effectiveJitterMax())).toJavaMap());
        return AgentInjector.create(configuration).map(AgentLifecycle::new).fold(AgentRunLauncher::refuse, this::run);
    }

    private int run(AgentLifecycle agent) {
        shutdownSignal.onShutdown(agent::stop);
        try {
            if (!agent.start()) {
                return 0; // stopped while starting
            }
        } catch (StartupFailure failure) {
            agent.stop();
            return refuse(failure);
        } catch (RuntimeException bug) {
            log.atError().setMessage("Cannot start the agent").setCause(bug).log();
            agent.stop();
            return StartupFailure.EXIT_CANNOT_START;
        }
        log.atInfo().setMessage("agent ready").addKeyValue("startupMillis", sinceJvmStart().toMillis()).log();
        try {
            agent.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            agent.stop();
        }
        return 0;
    }

    private static int refuse(StartupFailure failure) {
        failure.problems().forEach(problem -> log.atError().setMessage("Cannot start the agent").addKeyValue("problem", problem).log());
        return failure.exitCode();
    }

    /** From the JVM's start (as the JVM recorded it: millisecond precision, unlike the process's start time). */
    private static Duration sinceJvmStart() {
        return Duration.ofMillis(System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
    }
}

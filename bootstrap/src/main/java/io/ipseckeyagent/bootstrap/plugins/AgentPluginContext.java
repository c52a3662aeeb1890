package io.ipseckeyagent.bootstrap.plugins;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.bootstrap.config.RunConfiguration;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.plugin.PluginContext;
import io.vavr.control.Option;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The context the agent hands its plugins. The built-in plugins also reach the typed configuration
 * and the agent's one API server client through it (see {@link #of}); third-party plugins see only
 * {@link PluginContext}.
 */
public final class AgentPluginContext implements PluginContext {
    private static final Logger log = LoggerFactory.getLogger(AgentPluginContext.class);

    private final RunConfiguration configuration;
    private final ClockPort clock;
    private final KubernetesClient kubernetesClient;
    private final Deque<AutoCloseable> toClose = new ConcurrentLinkedDeque<>();

    public AgentPluginContext(RunConfiguration configuration, ClockPort clock, KubernetesClient kubernetesClient) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.kubernetesClient = Objects.requireNonNull(kubernetesClient, "kubernetesClient");
    }

    /** The agent's own context; a built-in plugin handed any other context is a bug. */
    static AgentPluginContext of(PluginContext context) {
        if (context instanceof AgentPluginContext agent) {
            return agent;
        }
        throw new IllegalArgumentException("the built-in plugins run inside the agent only, not with " + context);
    }

    @Override
    public NodeName nodeName() {
        return configuration.nodeName();
    }

    @Override
    public String clusterName() {
        return configuration.clusterName();
    }

    @Override
    public ClockPort clock() {
        return clock;
    }

    @Override
    public Option<String> setting(String name) {
        return configuration.setting(name);
    }

    @Override
    public void closeOnStop(AutoCloseable resource) {
        toClose.push(Objects.requireNonNull(resource, "resource"));
    }

    /** Closes what plugins asked to close, the last registered first; a failure is logged and the rest are still closed. */
    public void closeResources() {
        for (AutoCloseable resource = toClose.poll(); resource != null; resource = toClose.poll()) {
            try {
                resource.close();
            } catch (Exception | LinkageError e) {
                log.atWarn().setMessage("A plugin resource failed to close").addKeyValue("resource", resource)
                        .addKeyValue("error", e.toString()).log();
            }
        }
    }

    RunConfiguration configuration() {
        return configuration;
    }

    KubernetesClient kubernetesClient() {
        return kubernetesClient;
    }
}

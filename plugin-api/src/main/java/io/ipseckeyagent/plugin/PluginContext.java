package io.ipseckeyagent.plugin;

import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.domain.key.NodeName;
import io.vavr.control.Option;

/** What the agent tells a plugin when it creates an adapter. */
public interface PluginContext {
    NodeName nodeName();

    String clusterName();

    ClockPort clock();

    /**
     * The agent's resolved setting for a flag, by the flag's name without dashes (e.g.
     * {@code ipsec-key-file}, {@code kubeconfig}); none when unset and without default.
     */
    Option<String> setting(String name);

    /** Closes {@code resource} when the agent stops, after the core has stopped. */
    void closeOnStop(AutoCloseable resource);
}

package io.ipseckeyagent.plugin;

import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.RandomSourcePort;
import io.vavr.control.Option;

/** What the agent gives a plugin when it creates an adapter: the same for built-in and third-party plugins. */
public interface PluginContext {
    PluginSettings settings();

    /** The agent's clock: a plugin that waits or stamps asks it, so tests can drive virtual time. */
    ClockPort clock();

    /** The agent's randomness, for a plugin's own jitter or backoff. */
    RandomSourcePort random();

    /**
     * The agent's resolved setting for a flag, by the flag's name without dashes (e.g.
     * {@code ipsec-key-file}), as an operator would write it; none when unset and without default.
     */
    Option<String> setting(String name);

    /**
     * A service the agent shares, if {@code type} is one and the plugin's class loader sees the
     * agent's own class of it. The agent shares its API server client as
     * {@code io.fabric8.kubernetes.client.KubernetesClient}; a plugin jar sees no fabric8 classes of
     * the agent (see {@code docs/decisions}), so it gets none and builds its own client from
     * {@link PluginSettings#kubeconfig()}.
     */
    <T> Option<T> shared(Class<T> type);

    /** Closes {@code resource} when the agent stops, after the core has stopped. */
    void closeOnStop(AutoCloseable resource);
}

package io.ipseckeyagent.bootstrap.plugins;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.RandomSourcePort;
import io.ipseckeyagent.bootstrap.config.RunConfiguration;
import io.ipseckeyagent.plugin.PluginContext;
import io.ipseckeyagent.plugin.PluginSettings;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;

/** The one context the agent hands every plugin, built-in or not; it shares the agent's API server client. */
public final class AgentPluginContext implements PluginContext {
    private final RunConfiguration configuration;
    private final ClockPort clock;
    private final RandomSourcePort random;
    private final Map<Class<?>, Object> shared;
    private final Deque<AutoCloseable> toClose = new ConcurrentLinkedDeque<>();

    public AgentPluginContext(RunConfiguration configuration, ClockPort clock, RandomSourcePort random,
            KubernetesClient kubernetesClient) {
        this(configuration, clock, random, kubernetesClient, Option.none());
    }

    /** With {@code relay} (relay mode), shared as {@link RelayLink} so that the built-in plugins relay. */
    public AgentPluginContext(RunConfiguration configuration, ClockPort clock, RandomSourcePort random,
            KubernetesClient kubernetesClient, Option<RelayLink> relay) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.shared = HashMap.<Class<?>, Object>of(KubernetesClient.class, Objects.requireNonNull(kubernetesClient, "kubernetesClient"))
                .merge(relay.map(link -> HashMap.<Class<?>, Object>of(RelayLink.class, link)).getOrElse(HashMap.empty()));
    }

    @Override
    public PluginSettings settings() {
        return configuration.plugins();
    }

    @Override
    public ClockPort clock() {
        return clock;
    }

    @Override
    public RandomSourcePort random() {
        return random;
    }

    @Override
    public Option<String> setting(String name) {
        return configuration.setting(name);
    }

    /** By the exact class: a plugin with its own copy of fabric8 asks for another class and gets none. */
    @Override
    public <T> Option<T> shared(Class<T> type) {
        return shared.get(type).map(type::cast);
    }

    @Override
    public void closeOnStop(AutoCloseable resource) {
        toClose.push(Objects.requireNonNull(resource, "resource"));
    }

    /** What plugins asked to close, the last registered first. */
    public List<AutoCloseable> toClose() {
        return List.ofAll(toClose);
    }
}

package io.ipseckeyagent.pluginhost;

import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.RandomSourcePort;
import io.ipseckeyagent.plugin.PluginContext;
import io.ipseckeyagent.plugin.PluginSettings;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;

/** The one context the agent hands every plugin, built-in or not. */
public final class AgentPluginContext implements PluginContext {
    private final PluginSettings settings;
    private final Map<String, String> written;
    private final ClockPort clock;
    private final RandomSourcePort random;
    private final Map<Class<?>, Object> shared;
    private final Deque<AutoCloseable> toClose = new ConcurrentLinkedDeque<>();

    /**
     * @param written every setting that has a value, by flag name, as an operator would write it
     * @param shared the services shared, by the exact class a plugin asks for (the API server client, relay mode's {@code RelayLink})
     */
    public AgentPluginContext(PluginSettings settings, Map<String, String> written, ClockPort clock, RandomSourcePort random,
            Map<Class<?>, Object> shared) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.written = Objects.requireNonNull(written, "written");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.shared = Objects.requireNonNull(shared, "shared");
    }

    @Override
    public PluginSettings settings() {
        return settings;
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
        return written.get(name);
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

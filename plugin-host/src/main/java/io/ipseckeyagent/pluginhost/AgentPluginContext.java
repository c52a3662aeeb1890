package io.ipseckeyagent.pluginhost;

import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.RandomSourcePort;
import io.ipseckeyagent.plugin.PluginContext;
import io.ipseckeyagent.plugin.PluginSettings;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;

/** The one context the agent hands every plugin, built-in or not; closing it closes what plugins asked to close. */
public final class AgentPluginContext implements PluginContext, AutoCloseable {
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

    /** Closes what plugins asked to close, the last registered first; one that fails does not keep the others open. */
    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        for (AutoCloseable resource = toClose.poll(); resource != null; resource = toClose.poll()) {
            try {
                resource.close();
            } catch (Exception | LinkageError e) { // a plugin's class loader may be gone
                failures.add(resource + ": " + e);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("plugin resources failed to close: " + String.join("; ", failures));
        }
    }
}

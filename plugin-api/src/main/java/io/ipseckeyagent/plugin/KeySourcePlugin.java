package io.ipseckeyagent.plugin;

import io.ipseckeyagent.application.port.in.HandleKeyFileChangeUseCase;
import io.ipseckeyagent.application.port.out.KeyFileSourcePort;

/** Where the key file comes from (the built-in one, {@code file}, reads and watches a path). */
public interface KeySourcePlugin extends AgentPlugin {
    KeyFileSourcePort keySource(PluginContext context);

    /**
     * Starts telling {@code onChange} whenever the keys may have changed, and returns what stops
     * it. The default never tells: the keys are read once, at start.
     */
    default AutoCloseable watch(PluginContext context, HandleKeyFileChangeUseCase onChange) {
        return () -> { };
    }
}

package io.ipseckeyagent.bootstrap.config;

import io.ipseckeyagent.adapters.observability.ListenAddress;
import io.ipseckeyagent.adapters.observability.LogFormat;
import io.ipseckeyagent.adapters.observability.LogLevel;
import io.ipseckeyagent.application.service.AgentSettings;
import io.ipseckeyagent.plugin.PluginSettings;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything {@code run} was configured with, validated and typed, by who uses it: the core, the
 * plugins, and what only the bootstrap needs. {@link #resolve} is the only way to get one from operator input.
 *
 * @param core what the core is configured with: the checked jitter (relay mode's reserve included), settle, start mode
 * @param plugins the typed settings every plugin gets
 * @param relayKeyFile where relay mode writes the keys for cilium-agent (unused in publish mode)
 * @param settings every option that has a value, by name, written so that it resolves to this same value again
 *     (what plugins read with {@code PluginContext.setting})
 */
public record RunConfiguration(AgentSettings core, PluginSettings plugins, PluginChoice choice, AgentMode mode, Path relayKeyFile,
        Duration clusterViewStaleAfter, Observability observability, Map<String, String> settings) {

    /**
     * Which plugin fills each role.
     *
     * @param pluginDir extra adapter jars, if any
     */
    public record PluginChoice(Option<Path> pluginDir, String keySource, String publisher, String datapath) {}

    /**
     * Logs and the HTTP endpoints.
     *
     * @param prometheusServeAddr none: metrics and health endpoints disabled
     */
    public record Observability(Option<ListenAddress> prometheusServeAddr, LogFormat logFormat, LogLevel logLevel) {}

    /**
     * The largest delay ever drawn: the cap for {@code auto}, a fixed maximum capped so that every
     * node adopts within the rotation window; zero when jitter is disabled.
     */
    public Duration effectiveJitterMax() {
        return core.jitter().max();
    }

    /**
     * Resolves {@code run}'s arguments with precedence flag, environment, config file, default.
     * Pure: the config file (and, with {@code checkKubeconfig}, the kubeconfig) is read through {@code files}.
     */
    public static ConfigResolution resolve(List<String> args, java.util.Map<String, String> environment, ConfigFileReader files,
            boolean checkKubeconfig) {
        return ConfigResolver.resolve(args, environment, files, checkKubeconfig);
    }
}

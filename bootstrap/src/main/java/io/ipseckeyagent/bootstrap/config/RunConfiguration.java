package io.ipseckeyagent.bootstrap.config;

import io.ipseckeyagent.adapters.observability.ListenAddress;
import io.ipseckeyagent.adapters.observability.LogFormat;
import io.ipseckeyagent.adapters.observability.LogLevel;
import io.ipseckeyagent.domain.jitter.JitterMaximum;
import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.application.service.AgentSettings;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything {@code run} was configured with, validated and typed. Components are named after the
 * flags of {@link RunOptions}; {@link #resolve} is the only way to get one from operator input.
 *
 * @param ipsecJitterMaxDuration the configured maximum (default: {@code auto})
 * @param effectiveJitterMax the largest delay ever drawn: the cap for {@code auto}, a fixed maximum capped
 *     so that every node adopts within the rotation window; zero when jitter is disabled
 * @param kubeconfig none: fabric8's auto-configuration
 * @param prometheusServeAddr none: metrics and health endpoints disabled
 * @param core what the core is configured with: the checked jitter (relay mode's reserve included), settle, start mode
 * @param settings every option that has a value, by name, written so that it resolves to this same value again
 * @param configFile the {@code --config} file the values were read from, if any
 * @param pluginDir extra adapter jars, if any
 * @param relayKeyFile where relay mode writes the keys for cilium-agent (unused in publish mode)
 */
public record RunConfiguration(
        AgentSettings core,
        NodeName nodeName,
        String clusterName,
        Path ipsecKeyFile,
        Duration ipsecKeyRotationDuration,
        boolean enableIpsecJitter,
        JitterMaximum ipsecJitterMaxDuration,
        double ipsecJitterTargetRate,
        Duration secretPropagationBudget,
        Duration effectiveJitterMax,
        JitterPolicy ipsecJitterPolicy,
        Duration keyFilePollInterval,
        Option<Path> kubeconfig,
        Path stateFile,
        Duration clusterViewStaleAfter,
        Option<ListenAddress> prometheusServeAddr,
        LogFormat logFormat,
        LogLevel logLevel,
        Option<Path> configFile,
        Option<Path> pluginDir,
        String keySource,
        String publisher,
        String datapath,
        boolean createCiliumNode,
        AgentMode mode,
        Path relayKeyFile,
        Map<String, String> settings) {

    public RunConfiguration {
        if (effectiveJitterMax.isNegative() || effectiveJitterMax.compareTo(ipsecKeyRotationDuration) >= 0) {
            throw new IllegalArgumentException("effective jitter maximum must be in [0, " + ipsecKeyRotationDuration + ")");
        }
    }

    /**
     * The value of the option named {@code name} (the flag without dashes) as an operator would
     * write it; none when it is unset and has no default. What plugins read through their context.
     */
    public Option<String> setting(String name) {
        return settings.get(name);
    }

    /**
     * Resolves {@code run}'s arguments with precedence flag, environment, config file, default.
     * Pure: the config file is read through {@code files}.
     */
    public static ConfigResolution resolve(List<String> args, java.util.Map<String, String> environment, ConfigFileReader files) {
        return resolve(args, environment, files, true);
    }

    /** As {@link #resolve(List, java.util.Map, ConfigFileReader)}; without {@code checkKubeconfig} the kubeconfig is only named, not read. */
    public static ConfigResolution resolve(List<String> args, java.util.Map<String, String> environment, ConfigFileReader files,
            boolean checkKubeconfig) {
        return ConfigResolver.resolve(args, environment, files, checkKubeconfig);
    }

    /** Resolves with the config file read from the local file system. */
    public static ConfigResolution resolve(String[] args, java.util.Map<String, String> environment) {
        return resolve(List.of(args), environment, ConfigFileReader.fromFileSystem());
    }
}

package io.ipseckeyagent.bootstrap.config;

import io.ipseckeyagent.adapters.observability.ListenAddress;
import io.ipseckeyagent.adapters.observability.LogFormat;
import io.ipseckeyagent.adapters.observability.LogLevel;
import io.ipseckeyagent.domain.jitter.JitterMaximum;
import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.time.GoDuration;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@code run} was configured with, validated and typed. Components are named after the
 * flags of {@link RunOptions}; {@link #resolve} is the only way to get one from operator input.
 *
 * @param ipsecJitterMaxDuration the configured maximum (default: {@code auto})
 * @param effectiveJitterMax the largest delay ever drawn: the cap for {@code auto}, a fixed maximum capped
 *     so that every node adopts within the rotation window; zero when jitter is disabled
 * @param kubeconfig none: fabric8's auto-configuration
 * @param prometheusServeAddr none: metrics and health endpoints disabled
 * @param configFile the {@code --config} file the values were read from, if any
 * @param pluginDir extra adapter jars, if any
 * @param relayKeyFile where relay mode writes the keys for cilium-agent (unused in publish mode)
 */
public record RunConfiguration(
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
        Path relayKeyFile) {

    public RunConfiguration {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(ipsecKeyFile, "ipsecKeyFile");
        Objects.requireNonNull(ipsecKeyRotationDuration, "ipsecKeyRotationDuration");
        Objects.requireNonNull(ipsecJitterMaxDuration, "ipsecJitterMaxDuration");
        Objects.requireNonNull(secretPropagationBudget, "secretPropagationBudget");
        Objects.requireNonNull(effectiveJitterMax, "effectiveJitterMax");
        Objects.requireNonNull(ipsecJitterPolicy, "ipsecJitterPolicy");
        Objects.requireNonNull(keyFilePollInterval, "keyFilePollInterval");
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(prometheusServeAddr, "prometheusServeAddr");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(pluginDir, "pluginDir");
        Objects.requireNonNull(keySource, "keySource");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(datapath, "datapath");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(relayKeyFile, "relayKeyFile");
        if (effectiveJitterMax.isNegative() || effectiveJitterMax.compareTo(ipsecKeyRotationDuration) >= 0) {
            throw new IllegalArgumentException("effective jitter maximum must be in [0, " + ipsecKeyRotationDuration + ")");
        }
    }

    /**
     * The value of the option named {@code name} (the flag without dashes) as an operator would
     * write it; none when it is unset and has no default. What plugins read through their context.
     */
    public Option<String> setting(String name) {
        return settings().get(name);
    }

    /** Every option that has a value, by name, written so that it resolves to this same value again. */
    public Map<String, String> settings() {
        return List.of(
                        written(RunOptions.NODE_NAME, nodeName.value()),
                        written(RunOptions.CLUSTER_NAME, clusterName),
                        written(RunOptions.IPSEC_KEY_FILE, ipsecKeyFile.toString()),
                        written(RunOptions.IPSEC_KEY_ROTATION_DURATION, GoDuration.format(ipsecKeyRotationDuration)),
                        written(RunOptions.ENABLE_IPSEC_JITTER, String.valueOf(enableIpsecJitter)),
                        written(RunOptions.IPSEC_JITTER_MAX_DURATION, ipsecJitterMaxDuration.describe()),
                        written(RunOptions.IPSEC_JITTER_TARGET_RATE, rate(ipsecJitterTargetRate)),
                        written(RunOptions.SECRET_PROPAGATION_BUDGET, GoDuration.format(secretPropagationBudget)),
                        written(RunOptions.IPSEC_JITTER_POLICY, ipsecJitterPolicy.name()),
                        written(RunOptions.KEY_FILE_POLL_INTERVAL, GoDuration.format(keyFilePollInterval)),
                        Tuple.of(RunOptions.KUBECONFIG, kubeconfig.map(Path::toString)),
                        written(RunOptions.STATE_FILE, stateFile.toString()),
                        written(RunOptions.PROMETHEUS_SERVE_ADDR, prometheusServeAddr.map(ListenAddress::toString).getOrElse("")),
                        written(RunOptions.LOG_FORMAT, logFormat.flagValue()),
                        written(RunOptions.LOG_LEVEL, logLevel.flagValue()),
                        Tuple.of(RunOptions.CONFIG, configFile.map(Path::toString)),
                        Tuple.of(RunOptions.PLUGIN_DIR, pluginDir.map(Path::toString)),
                        written(RunOptions.KEY_SOURCE, keySource),
                        written(RunOptions.PUBLISHER, publisher),
                        written(RunOptions.DATAPATH, datapath),
                        written(RunOptions.CREATE_CILIUM_NODE, String.valueOf(createCiliumNode)),
                        written(RunOptions.MODE, mode.flagValue()),
                        written(RunOptions.RELAY_KEY_FILE, relayKeyFile.toString()))
                .foldLeft(LinkedHashMap.empty(), (settings, option) ->
                        option._2.map(text -> settings.put(option._1.name(), text)).getOrElse(settings));
    }

    private static String rate(double writesPerSecond) {
        return writesPerSecond == Math.rint(writesPerSecond) ? Long.toString((long) writesPerSecond) : Double.toString(writesPerSecond);
    }

    private static Tuple2<OptionSpec<?>, Option<String>> written(OptionSpec<?> option, String text) {
        return Tuple.of(option, Option.some(text));
    }

    /**
     * Resolves {@code run}'s arguments with precedence flag, environment, config file, default.
     * Pure: the config file is read through {@code files}.
     */
    public static ConfigResolution resolve(List<String> args, java.util.Map<String, String> environment, ConfigFileReader files) {
        return ConfigResolver.resolve(args, environment, files);
    }

    /** Resolves with the config file read from the local file system. */
    public static ConfigResolution resolve(String[] args, java.util.Map<String, String> environment) {
        return resolve(List.of(args), environment, ConfigFileReader.fromFileSystem());
    }
}

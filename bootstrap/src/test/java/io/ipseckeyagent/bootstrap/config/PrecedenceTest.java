package io.ipseckeyagent.bootstrap.config;

import io.ipseckeyagent.adapters.observability.ListenAddress;
import static io.ipseckeyagent.bootstrap.config.Resolving.resolve;
import static io.ipseckeyagent.bootstrap.config.Resolving.valid;
import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.domain.jitter.JitterMaximum;
import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.ipseckeyagent.adapters.observability.LogFormat;
import io.ipseckeyagent.adapters.observability.LogLevel;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.rotation.StartMode;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Flag beats environment beats config file beats default, for every kind of value. */
class PrecedenceTest {
    /** One option, a value written in each source, and what each source should produce. */
    record Kind(OptionSpec<?> option, String flag, String environment, String fileYaml,
                Function<RunConfiguration, Object> read, Object fromFlag, Object fromEnvironment, Object fromFile, Object byDefault) {
        @Override
        public String toString() {
            return option.name();
        }
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                new Kind(RunOptions.CLUSTER_NAME, "flag-cluster", "env-cluster", "\"file-cluster\"", c -> c.core().clusterName(),
                        "flag-cluster", "env-cluster", "file-cluster", "default"),
                new Kind(RunOptions.IPSEC_KEY_FILE, "/flag/keys", "/env/keys", "/file/keys", c -> c.plugins().ipsecKeyFile(),
                        Path.of("/flag/keys"), Path.of("/env/keys"), Path.of("/file/keys"), Path.of("/etc/ipsec/keys")),
                new Kind(RunOptions.IPSEC_KEY_ROTATION_DURATION, "10m", "PT20M", "30m", c -> c.core().jitter().keyRotationDuration(),
                        Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofMinutes(5)),
                new Kind(RunOptions.ENABLE_IPSEC_JITTER, "false", "true", "false", c -> c.core().jitter().enabled(),
                        false, true, false, true),
                new Kind(RunOptions.IPSEC_JITTER_MAX_DURATION, "10s", "20s", "0", c -> c.core().jitter().maximum(),
                        new JitterMaximum.Fixed(Duration.ofSeconds(10)), new JitterMaximum.Fixed(Duration.ofSeconds(20)),
                        new JitterMaximum.Fixed(Duration.ZERO), new JitterMaximum.Auto()),
                new Kind(RunOptions.IPSEC_JITTER_TARGET_RATE, "10", "2.5", "100", c -> c.core().jitter().targetRate(),
                        10.0, 2.5, 100.0, 20.0),
                new Kind(RunOptions.SECRET_PROPAGATION_BUDGET, "30s", "90s", "0", c -> c.core().jitter().reserve().secretPropagation(),
                        Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ZERO, Duration.ofMinutes(1)),
                new Kind(RunOptions.IPSEC_JITTER_POLICY, "rank", "node-hash", "RANK", c -> c.core().policy(),
                        JitterPolicy.rank(), JitterPolicy.nodeHash(), JitterPolicy.rank(), JitterPolicy.uniform()),
                new Kind(RunOptions.KEY_FILE_POLL_INTERVAL, "1s", "2s", "3s", c -> c.plugins().keyFilePollInterval(),
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5)),
                new Kind(RunOptions.KUBECONFIG, "/flag/kube", "/env/kube", "/file/kube", c -> c.plugins().kubeconfig(),
                        Option.of(Path.of("/flag/kube")), Option.of(Path.of("/env/kube")), Option.of(Path.of("/file/kube")), Option.none()),
                new Kind(RunOptions.PROMETHEUS_SERVE_ADDR, "127.0.0.1:1", "", "\"[::1]:3\"", c -> c.observability().prometheusServeAddr(),
                        Option.of(new ListenAddress("127.0.0.1", 1)), Option.none(), Option.of(new ListenAddress("::1", 3)),
                        Option.of(new ListenAddress("", 9966))),
                new Kind(RunOptions.LOG_LEVEL, "debug", "warn", "error", c -> c.observability().logLevel(),
                        LogLevel.DEBUG, LogLevel.WARN, LogLevel.ERROR, LogLevel.INFO),
                new Kind(RunOptions.PUBLISHER, "flag-publisher", "env-publisher", "file-publisher", c -> c.choice().publisher(),
                        "flag-publisher", "env-publisher", "file-publisher", "cilium-node"),
                new Kind(RunOptions.CREATE_CILIUM_NODE, "true", "false", "true", c -> c.plugins().createCiliumNode(),
                        true, false, true, false)
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void flagBeatsEnvironmentBeatsFileBeatsDefault(Kind kind) {
        assertThat(kind.read().apply(resolveWith(kind, true, true, true))).isEqualTo(kind.fromFlag());
        assertThat(kind.read().apply(resolveWith(kind, false, true, true))).isEqualTo(kind.fromEnvironment());
        assertThat(kind.read().apply(resolveWith(kind, false, false, true))).isEqualTo(kind.fromFile());
        assertThat(kind.read().apply(resolveWith(kind, false, false, false))).isEqualTo(kind.byDefault());
    }

    private static RunConfiguration resolveWith(Kind kind, boolean flag, boolean environment, boolean file) {
        List<String> args = new ArrayList<>(List.of("--node-name=node-a"));
        Map<String, String> variables = new HashMap<>();
        if (flag) {
            args.add(kind.option().flag() + "=" + kind.flag());
        }
        if (environment) {
            variables.put(kind.option().environmentVariable(), kind.environment());
        }
        if (file) {
            args.add("--config");
            args.add("agent.yaml");
        }
        return valid(resolve(variables, Map.of("agent.yaml", kind.option().fileKey() + ": " + kind.fileYaml() + "\n"),
                args.toArray(String[]::new)));
    }

    @Test
    void nodeNameComesFromTheFlagThenOurVariableThenNodeNameThenTheFile() {
        Map<String, String> files = Map.of("agent.yaml", "node-name: file-node\n");
        Map<String, String> both = Map.of("IPSEC_KEY_AGENT_NODE_NAME", "agent-node", "NODE_NAME", "downward-node");

        assertThat(valid(resolve(both, files, "--node-name", "flag-node", "--config=agent.yaml")).core().nodeName())
                .isEqualTo(NodeName.of("flag-node"));
        assertThat(valid(resolve(both, files, "--config=agent.yaml")).core().nodeName()).isEqualTo(NodeName.of("agent-node"));
        assertThat(valid(resolve(Map.of("NODE_NAME", "downward-node"), files, "--config=agent.yaml")).core().nodeName())
                .isEqualTo(NodeName.of("downward-node"));
        assertThat(valid(resolve(Map.of(), files, "--config=agent.yaml")).core().nodeName()).isEqualTo(NodeName.of("file-node"));
    }

    @Test
    void theConfigFileItselfCanBeNamedInTheEnvironment() {
        RunConfiguration configuration = valid(resolve(Map.of("IPSEC_KEY_AGENT_CONFIG", "env.yaml"),
                Map.of("env.yaml", "log-format: json\n"), "--node-name=n"));

        assertThat(configuration.observability().logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(configuration.settings().get("config").map(Path::of)).isEqualTo(Option.of(Path.of("env.yaml")));
    }

    @Test
    void theConfigFlagBeatsTheConfigVariable() {
        RunConfiguration configuration = valid(resolve(Map.of("IPSEC_KEY_AGENT_CONFIG", "env.yaml"),
                Map.of("env.yaml", "log-format: json\n", "flag.yaml", "log-format: text\n"), "--node-name=n", "--config=flag.yaml"));

        assertThat(configuration.observability().logFormat()).isEqualTo(LogFormat.TEXT);
    }

    @Test
    void anEmptyVariableCountsAsUnset() {
        RunConfiguration configuration = valid(resolve(Map.of("IPSEC_KEY_AGENT_CLUSTER_NAME", "", "NODE_NAME", "n"),
                Map.of("agent.yaml", "cluster-name: from-file\n"), "--config=agent.yaml"));

        assertThat(configuration.core().clusterName()).isEqualTo("from-file");
    }

    private static JitterMaximum fixed(long seconds) {
        return new JitterMaximum.Fixed(Duration.ofSeconds(seconds));
    }

    @Test
    void everyDefaultAsDocumented() {
        RunConfiguration configuration = valid(resolve("--node-name=node-a"));

        assertThat(List.of(configuration.core().nodeName(), configuration.core().clusterName(), configuration.plugins().ipsecKeyFile(),
                configuration.core().jitter().keyRotationDuration(), configuration.core().jitter().enabled(), configuration.core().jitter().maximum(),
                configuration.core().jitter().targetRate(), configuration.core().jitter().reserve().secretPropagation(), configuration.effectiveJitterMax(),
                configuration.core().policy(), configuration.plugins().keyFilePollInterval(), configuration.plugins().kubeconfig(), configuration.plugins().stateFile(),
                configuration.clusterViewStaleAfter(), configuration.observability().prometheusServeAddr(), configuration.observability().logFormat(), configuration.observability().logLevel(),
                configuration.settings().get("config"), configuration.choice().pluginDir(), configuration.choice().keySource(), configuration.choice().publisher(),
                configuration.choice().datapath(), configuration.plugins().createCiliumNode(), configuration.mode(), configuration.relayKeyFile(),
                configuration.core().settle(), configuration.core().startMode())).containsExactly(
                NodeName.of("node-a"), "default", Path.of("/etc/ipsec/keys"), Duration.ofMinutes(5), true,
                new JitterMaximum.Auto(), 20.0, Duration.ofMinutes(1), Duration.ofSeconds(205), JitterPolicy.uniform(),
                Duration.ofSeconds(5),
                Option.none(), Path.of("/var/run/ipsec-key-agent/state.json"), Duration.ofMinutes(2), Option.of(new ListenAddress("", 9966)),
                LogFormat.TEXT, LogLevel.INFO, Option.none(), Option.none(), "file", "cilium-node", "state-file", false,
                AgentMode.PUBLISH, Path.of("/var/lib/ipsec-key-agent/keys"), Duration.ofSeconds(1), StartMode.PUBLISH);
        // Publish mode reserves nothing of cilium-agent's, so these two are only written down: relay mode's typed test is in NewSettingsTest.
        assertThat(configuration.settings().get("relay-cilium-jitter")).contains("true");
        assertThat(configuration.settings().get("relay-cilium-poll-interval")).contains("5s");
    }
}

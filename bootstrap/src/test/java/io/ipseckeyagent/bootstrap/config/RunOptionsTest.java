package io.ipseckeyagent.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.ipseckeyagent.adapters.observability.LogFormat;
import io.ipseckeyagent.adapters.observability.LogLevel;
import org.junit.jupiter.api.Test;

/** The registry is the single source of names; these keep it consistent. */
class RunOptionsTest {
    @Test
    void namesAreUniqueLowerCaseWordsJoinedByDashes() {
        assertThat(RunOptions.ALL.map(OptionSpec::name)).doesNotHaveDuplicates()
                .allMatch(name -> name.matches("[a-z]+(-[a-z]+)*"));
        assertThat(RunOptions.ALL.flatMap(OptionSpec::environmentVariables)).doesNotHaveDuplicates();
    }

    @Test
    void environmentVariablesArePrefixedUpperSnakeCase() {
        assertThat(RunOptions.IPSEC_JITTER_MAX_DURATION.environmentVariable()).isEqualTo("IPSEC_KEY_AGENT_IPSEC_JITTER_MAX_DURATION");
        assertThat(RunOptions.NODE_NAME.environmentVariables()).containsExactly("IPSEC_KEY_AGENT_NODE_NAME", "NODE_NAME");
        assertThat(RunOptions.IPSEC_KEY_ROTATION_DURATION.fileKey()).isEqualTo("ipsec-key-rotation-duration");
        assertThat(RunOptions.IPSEC_KEY_ROTATION_DURATION.flag()).isEqualTo("--ipsec-key-rotation-duration");
    }

    @Test
    void everyDefaultParsesWithItsOwnParser() {
        assertThat(RunOptions.ALL.filter(spec -> spec.defaultValue().isDefined()))
                .hasSizeGreaterThan(10)
                .allSatisfy(spec -> assertThat(spec.parse(spec.defaultValue().getOrElse("")).isRight()).as(spec.name()).isTrue());
    }

    @Test
    void theIssuesTableAndThePluginFlagsAreAllThere() {
        assertThat(RunOptions.ALL.map(OptionSpec::name)).containsExactly(
                "node-name", "cluster-name", "ipsec-key-file", "ipsec-key-rotation-duration", "enable-ipsec-jitter",
                "ipsec-jitter-max-duration", "ipsec-jitter-target-rate", "secret-propagation-budget", "ipsec-jitter-policy", "ipsec-key-settle-interval",
                "key-file-poll-interval", "kubeconfig", "state-file", "cluster-view-stale-after", "prometheus-serve-addr", "log-format", "log-level", "config", "plugin-dir", "key-source", "publisher",
                "datapath", "create-cilium-node", "mode", "relay-key-file", "relay-cilium-jitter", "relay-cilium-poll-interval");
    }

    @Test
    void choicesAreReadIgnoringCase() {
        assertThat(RunOptions.LOG_LEVEL.parse("WARN").toJavaOptional()).contains(LogLevel.WARN);
        assertThat(RunOptions.LOG_FORMAT.parse("Json").toJavaOptional()).contains(LogFormat.JSON);
        assertThat(RunOptions.IPSEC_JITTER_POLICY.parse("Node-Hash").map(JitterPolicy::name).toJavaOptional()).contains("node-hash");
    }
}

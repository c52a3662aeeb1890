package io.ipseckeyagent.bootstrap.config;

import static io.ipseckeyagent.bootstrap.config.Resolving.resolve;
import static io.ipseckeyagent.bootstrap.config.Resolving.valid;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** What plugins read with {@code PluginContext.setting}: each option's value, written back as an operator would write it. */
class RunConfigurationSettingsTest {

    @Test
    void settingsWrittenBackAsFlagsResolveToTheSameConfiguration() {
        RunConfiguration configuration = valid(resolve("--node-name=node-a", "--ipsec-key-rotation-duration=2m30s",
                "--ipsec-jitter-max-duration=1m0.5s", "--ipsec-jitter-target-rate=12.5", "--ipsec-jitter-policy=node-hash", "--key-file-poll-interval=750ms",
                "--kubeconfig=/etc/kube/config", "--prometheus-serve-addr=[::1]:9966", "--log-format=json",
                "--plugin-dir=/opt/plugins", "--key-source=env", "--create-cilium-node"));

        String[] flags = configuration.settings().map(setting -> "--" + setting._1 + "=" + setting._2).toJavaArray(String[]::new);

        assertThat(valid(resolve(flags))).isEqualTo(configuration);
    }

    @Test
    void defaultsAreSettingsAndUnsetOptionsWithoutDefaultAreNot() {
        RunConfiguration configuration = valid(resolve("--node-name=node-a", "--prometheus-serve-addr="));

        assertThat(configuration.settings().get("ipsec-key-file")).isEqualTo(Option.some("/etc/ipsec/keys"));
        assertThat(configuration.settings().get("ipsec-jitter-max-duration")).isEqualTo(Option.some("auto"));
        assertThat(configuration.settings().get("publisher")).isEqualTo(Option.some("cilium-node"));
        assertThat(configuration.settings().get("prometheus-serve-addr")).isEqualTo(Option.some(""));
        assertThat(configuration.settings().get("kubeconfig")).isEqualTo(Option.none());
        assertThat(configuration.settings().get("no-such-option")).isEqualTo(Option.none());
        assertThat(configuration.settings().keySet().toList())
                .containsExactlyElementsOf(RunOptions.ALL.map(OptionSpec::name).removeAll(java.util.List.of("kubeconfig", "config", "plugin-dir")));
    }
}

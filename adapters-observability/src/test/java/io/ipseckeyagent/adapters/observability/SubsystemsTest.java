package io.ipseckeyagent.adapters.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubsystemsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "io.ipseckeyagent.agent                                               | ipsec",
        "io.ipseckeyagent.bootstrap.run.AgentRunLauncher                      | daemon",
        "io.ipseckeyagent.bootstrap                                           | daemon",
        "io.ipseckeyagent.adapters.fs.KeyFileWatcher                          | keyfile",
        "io.ipseckeyagent.adapters.k8s.CiliumNodePublisher                    | k8s",
        "io.ipseckeyagent.adapters.observability.FanOutEvents                 | metrics",
        "io.fabric8.kubernetes.client.dsl.internal.WatchConnectionManager     | k8s-client",
        "io.ipseckeyagent.examples.envkeys.EnvKeySourcePlugin                 | examples",
        "com.google.inject.internal.Errors                                    | google",
        "plain                                                                | plain",
    })
    void loggersAreNamedByTheirSubsystemNotTheirClass(String logger, String subsys) {
        assertThat(Subsystems.of(logger)).isEqualTo(subsys);
    }

    @ParameterizedTest
    @CsvSource({"io.ipseckeyagent.agents, agents", "io.ipseckeyagent.bootstrapper.X, bootstrapper"})
    void aPrefixMatchesWholeSegmentsOnly(String logger, String subsys) {
        assertThat(Subsystems.of(logger)).isEqualTo(subsys);
    }
}

package io.ipseckeyagent.bootstrap.config;

import static io.ipseckeyagent.bootstrap.config.Resolving.problems;
import static io.ipseckeyagent.bootstrap.config.Resolving.resolve;
import static io.ipseckeyagent.bootstrap.config.Resolving.valid;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settle interval, the cluster view's staleness bound, Cilium's own jitter in relay mode, and the kubeconfig checked with the rest. */
class NewSettingsTest {

    @Test
    void theSettleIntervalReachesTheCoreAndIsCheckedByItsFlag() {
        assertThat(valid(resolve("--node-name=n", "--ipsec-key-settle-interval=250ms")).core().settle()).isEqualTo(Duration.ofMillis(250));
        assertThat(valid(resolve("--node-name=n", "--ipsec-key-settle-interval=0")).core().settle()).isEqualTo(Duration.ZERO);
        assertThat(problems(resolve("--node-name=n", "--ipsec-key-settle-interval=-1s")))
                .containsExactly("--ipsec-key-settle-interval: must not be negative, got -1s");
    }

    @Test
    void theStalenessBoundIsASettingCheckedByItsFlag() {
        assertThat(valid(resolve(Map.of("IPSEC_KEY_AGENT_CLUSTER_VIEW_STALE_AFTER", "30s"), Map.of(), "--node-name=n"))
                .clusterViewStaleAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(problems(resolve("--node-name=n", "--cluster-view-stale-after=0")))
                .containsExactly("--cluster-view-stale-after: must be greater than 0, got 0s");
    }

    @Test
    void relayModeReservesCiliumsOwnJitterOnlyWhenTheReleaseHasIt() {
        String[] relay = {"--node-name=n", "--mode=relay", "--ipsec-jitter-max-duration=1h"};
        RunConfiguration withJitter = valid(resolve(relay));
        RunConfiguration without = valid(resolve(List.of(relay).append("--relay-cilium-jitter=false").toJavaArray(String[]::new)));
        RunConfiguration publish = valid(resolve("--node-name=n", "--ipsec-jitter-max-duration=1h"));

        // A tenth of the 5m window, in the cap and in what the core draws over.
        assertThat(without.effectiveJitterMax().minus(withJitter.effectiveJitterMax())).isEqualTo(Duration.ofSeconds(30));
        assertThat(withJitter.core().jitter().max()).isEqualTo(withJitter.effectiveJitterMax());
        // Cilium's 5s poll is reserved in relay mode only.
        assertThat(publish.effectiveJitterMax().minus(without.effectiveJitterMax())).isEqualTo(Duration.ofSeconds(5));
        assertThat(problems(resolve("--node-name=n", "--mode=relay", "--relay-cilium-poll-interval=-5s")))
                .containsExactly("--relay-cilium-poll-interval: must not be negative, got -5s");
    }

    @Test
    void aBadKubeconfigIsReportedWithTheFlagProblemsInOneRun() {
        Map<String, String> files = Map.of("bad-kubeconfig", "apiVersion: v1\nclusters: [unclosed\n  - name: c\n");
        ConfigFileReader reader = path -> files.containsKey(path.toString())
                ? Either.right(files.get(path.toString()))
                : Either.left("cannot read " + path + ": permission denied");

        assertThat(problems(RunConfiguration.resolve(List.of("--node-name=n", "--kubeconfig=bad-kubeconfig", "--log-level=loud"),
                Map.of(), reader, true)))
                .hasSize(2)
                .anySatisfy(problem -> assertThat(problem).startsWith("--log-level: "))
                .anySatisfy(problem -> assertThat(problem)
                        .startsWith("--kubeconfig: bad-kubeconfig: not a usable kubeconfig: ").contains("line 2"));
        assertThat(problems(RunConfiguration.resolve(List.of("--node-name=n", "--kubeconfig=locked"), Map.of(), reader, true)))
                .containsExactly("--kubeconfig: cannot read locked: permission denied");
    }
}

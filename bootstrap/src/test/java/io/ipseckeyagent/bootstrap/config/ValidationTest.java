package io.ipseckeyagent.bootstrap.config;

import static io.ipseckeyagent.bootstrap.config.Resolving.problems;
import static io.ipseckeyagent.bootstrap.config.Resolving.resolve;
import static io.ipseckeyagent.bootstrap.config.Resolving.valid;
import static io.ipseckeyagent.bootstrap.config.Resolving.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.domain.jitter.JitterMaximum;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every problem names its flag, variable or file:line: key; all are reported together. */
class ValidationTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --node-name=Node_A                    | --node-name: "Node_A" is not a Kubernetes node name
            --node-name=                          | --node-name: empty value
            --cluster-name=Prod Cluster           | --cluster-name: "Prod Cluster" is not a Cilium cluster name
            --cluster-name=a-very-long-cluster-name-over-32ch | --cluster-name: "a-very-long-cluster-name-over-32ch" is not a Cilium cluster name
            --ipsec-key-file=                     | --ipsec-key-file: empty value
            --ipsec-key-file=a\u0000b             | --ipsec-key-file: not a valid path
            --ipsec-key-rotation-duration=0       | --ipsec-key-rotation-duration: must be greater than 0, got 0s
            --ipsec-key-rotation-duration=-5m     | --ipsec-key-rotation-duration: must be greater than 0, got -5m
            --ipsec-key-rotation-duration=5 min   | --ipsec-key-rotation-duration: invalid duration "5 min"
            --enable-ipsec-jitter=yes             | --enable-ipsec-jitter: expected true or false, got "yes"
            --ipsec-jitter-max-duration=-1s       | --ipsec-jitter-max-duration: must not be negative, got -1s
            --ipsec-jitter-policy=random          | --ipsec-jitter-policy: unknown value "random"; expected one of uniform, node-hash, rank
            --ipsec-jitter-policy=nodehash        | --ipsec-jitter-policy: unknown value "nodehash"; expected one of uniform, node-hash, rank, cilium, disabled (did you mean node-hash?)
            --key-file-poll-interval=0s           | --key-file-poll-interval: must be greater than 0, got 0s
            --kubeconfig=                         | --kubeconfig: empty value
            --state-file=                         | --state-file: empty value
            --prometheus-serve-addr=9966          | --prometheus-serve-addr: missing port in "9966"
            --prometheus-serve-addr=::1:9966      | --prometheus-serve-addr: put an IPv6 address in brackets
            --log-format=xml                      | --log-format: unknown value "xml"; expected one of text, json
            --log-level=verbose                   | --log-level: unknown value "verbose"; expected one of debug, info, warn, error
            --config=                             | --config: empty value
            --config=missing.yaml                 | --config: cannot read missing.yaml: no such file
            --plugin-dir=                         | --plugin-dir: empty value
            --key-source=my source                | --key-source: "my source" is not an adapter name
            --publisher=-x                        | --publisher: "-x" is not an adapter name
            --datapath=                           | --datapath: empty value
            --create-cilium-node=maybe            | --create-cilium-node: expected true or false, got "maybe"
            --mode=replace                        | --mode: unknown value "replace"; expected one of publish, relay
            --relay-key-file=                     | --relay-key-file: empty value
            --ipsec-jiter-policy=rank             | --ipsec-jiter-policy: unknown flag; did you mean --ipsec-jitter-policy?
            --verbose                             | --verbose: unknown flag
            -node-name=n                          | run: unexpected argument "-node-name=n"; flags start with two dashes
            extra                                 | run: unexpected argument "extra"; run takes no arguments, only --flags
            --cluster-name                        | --cluster-name: missing value; write --cluster-name=NAME
            """)
    void namesTheFlagAndSaysWhatIsWrong(String arg, String expected) {
        ConfigResolution resolution = resolve(Map.of("NODE_NAME", "n"), Map.of(), arg.replace("\\u0000", "\u0000"));

        assertThat(problems(resolution)).anySatisfy(problem -> assertThat(problem).startsWith(expected));
        assertThat(problems(resolution)).hasSize(1);
    }

    @Test
    void rankIsRefusedInRelayModeNamingTheFlagWhereverItWasWritten() {
        assertThat(problems(resolve(Map.of("NODE_NAME", "n"), Map.of(), "--mode=relay", "--ipsec-jitter-policy=rank")))
                .containsExactly("--ipsec-jitter-policy: rank needs a watch of every CiliumNode, which --mode=relay does not keep;"
                        + " use uniform, node-hash, cilium, disabled, or --mode=publish");
        assertThat(problems(resolve(Map.of("NODE_NAME", "n", "IPSEC_KEY_AGENT_MODE", "relay"),
                Map.of("agent.yaml", "ipsec-jitter-policy: rank\n"), "--config=agent.yaml")))
                .singleElement().asString().startsWith("agent.yaml:1: ipsec-jitter-policy: rank needs a watch of every CiliumNode");
        assertThat(valid(resolve("--node-name=n", "--mode=relay", "--relay-key-file=/host/keys")).relayKeyFile())
                .hasToString("/host/keys");
    }

    @Test
    void aMissingNodeNameSaysWhereToSetIt() {
        assertThat(problems(resolve())).containsExactly(
                "--node-name: required: set --node-name, IPSEC_KEY_AGENT_NODE_NAME or NODE_NAME (a DaemonSet takes it from spec.nodeName)");
    }

    @Test
    void anInvalidNodeNameIsNotAlsoReportedMissing() {
        assertThat(problems(resolve("--node-name=A"))).singleElement().asString().startsWith("--node-name: \"A\" is not");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        ConfigResolution resolution = resolve(Map.of("IPSEC_KEY_AGENT_LOG_FORMAT", "yaml"),
                Map.of("agent.yaml", "ipsec-jiter-policy: rank\nkey-file-poll-interval: 0\n"),
                "--ipsec-key-rotation-duration=0", "--enable-ipsec-jitter=nope", "--ipsec-jitter-max-duration=-1s",
                "--prometheus-serve-addr=:http", "--log-level=loud", "--bogus", "--config=agent.yaml", "stray");

        assertThat(problems(resolution)).containsExactlyInAnyOrder(
                "--bogus: unknown flag",
                "run: unexpected argument \"stray\"; run takes no arguments, only --flags",
                "agent.yaml:1: ipsec-jiter-policy: unknown key; did you mean ipsec-jitter-policy?",
                "--node-name: required: set --node-name, IPSEC_KEY_AGENT_NODE_NAME or NODE_NAME (a DaemonSet takes it from spec.nodeName)",
                "--ipsec-key-rotation-duration: must be greater than 0, got 0s",
                "--enable-ipsec-jitter: expected true or false, got \"nope\"",
                "--ipsec-jitter-max-duration: must not be negative, got -1s",
                "agent.yaml:2: key-file-poll-interval: must be greater than 0, got 0s",
                "--prometheus-serve-addr: port must be a number from 0 to 65535 in \":http\"",
                "IPSEC_KEY_AGENT_LOG_FORMAT: unknown value \"yaml\"; expected one of text, json",
                "--log-level: unknown value \"loud\"; expected one of debug, info, warn, error");
    }

    @Test
    void booleanFlagsTakeCiliumsForms() {
        assertThat(valid(resolve("--node-name=n", "--create-cilium-node")).plugins().createCiliumNode()).isTrue();
        assertThat(valid(resolve("--node-name=n", "--create-cilium-node=true")).plugins().createCiliumNode()).isTrue();
        assertThat(valid(resolve("--node-name=n", "--create-cilium-node=false")).plugins().createCiliumNode()).isFalse();
        assertThat(valid(resolve("--node-name=n", "--enable-ipsec-jitter=false")).core().jitter().enabled()).isFalse();
        assertThat(valid(resolve("--node-name=n", "--enable-ipsec-jitter=FALSE")).core().jitter().enabled()).isFalse();
        assertThat(valid(resolve("--node-name=n", "--enable-ipsec-jitter=0")).core().jitter().enabled()).isFalse();
        assertThat(valid(resolve("--enable-ipsec-jitter", "--node-name=n")).core().jitter().enabled()).isTrue();
        assertThat(valid(resolve(Map.of("IPSEC_KEY_AGENT_ENABLE_IPSEC_JITTER", "false"), Map.of(), "--node-name=n"))
                .core().jitter().enabled()).isFalse();
    }

    @Test
    void aBooleanFlagNeverTakesTheNextArgument() {
        assertThat(problems(resolve("--node-name=n", "--enable-ipsec-jitter", "false"))).containsExactly(
                "run: unexpected argument \"false\"; a boolean flag takes its value after '=': --enable-ipsec-jitter=false");
    }

    @Test
    void aValueMayFollowItsFlagOrAnEqualsSign() {
        RunConfiguration spaced = valid(resolve("--node-name", "n", "--ipsec-jitter-policy", "rank", "--prometheus-serve-addr", ""));
        RunConfiguration joined = valid(resolve("--node-name=n", "--ipsec-jitter-policy=rank", "--prometheus-serve-addr="));

        assertThat(spaced).isEqualTo(joined);
        assertThat(joined.observability().prometheusServeAddr().isEmpty()).isTrue();
    }

    @Test
    void aValueMayStartWithOneDashButNotTwo() {
        assertThat(problems(resolve("--node-name=n", "--ipsec-jitter-max-duration", "-1s")))
                .containsExactly("--ipsec-jitter-max-duration: must not be negative, got -1s");
        assertThat(problems(resolve("--node-name", "--cluster-name", "c")))
                .contains("--node-name: missing value; write --node-name=NAME");
    }

    @Test
    void aFlagGivenTwiceIsAnError() {
        assertThat(problems(resolve("--node-name=a", "--node-name=b"))).containsExactly("--node-name: given more than once");
    }

    @Test
    void aValueFromTheEnvironmentNamesItsVariable() {
        assertThat(problems(resolve(Map.of("NODE_NAME", "Bad Name"), Map.of())))
                .singleElement().asString().startsWith("NODE_NAME: \"Bad Name\" is not a Kubernetes node name");
        assertThat(problems(resolve(Map.of("IPSEC_KEY_AGENT_KEY_FILE_POLL_INTERVAL", "5"), Map.of(), "--node-name=n")))
                .singleElement().asString().startsWith("IPSEC_KEY_AGENT_KEY_FILE_POLL_INTERVAL: invalid duration \"5\": missing unit");
    }

    @Test
    void anUnknownVariableWithOurPrefixIsAWarningWithASuggestion() {
        ConfigResolution resolution = resolve(Map.of("IPSEC_KEY_AGENT_IPSEC_JITER_POLICY", "rank", "IPSEC_KEY_AGENT_ZZZZZZZZZZ", "1"),
                Map.of(), "--node-name=n");

        assertThat(resolution.configuration().isValid()).isTrue();
        assertThat(warnings(resolution)).containsExactly(
                "IPSEC_KEY_AGENT_IPSEC_JITER_POLICY: unknown variable, ignored; did you mean IPSEC_KEY_AGENT_IPSEC_JITTER_POLICY?",
                "IPSEC_KEY_AGENT_ZZZZZZZZZZ: unknown variable, ignored");
    }

    @Test
    void theDefaultJitterMaximumIsAutoUnderTheFleetWideCap() {
        RunConfiguration configuration = valid(resolve("--node-name=n"));

        assertThat(configuration.core().jitter().maximum()).isEqualTo(new JitterMaximum.Auto());
        assertThat(configuration.effectiveJitterMax()).isEqualTo(Duration.ofSeconds(205));
        assertThat(warnings(resolve("--node-name=n"))).isEmpty();
    }

    @Test
    void aJitterMaximumBeyondTheWindowIsCappedWithAWarningNamingEveryValue() {
        ConfigResolution resolution = resolve("--node-name=n", "--ipsec-jitter-max-duration=10m");

        assertThat(valid(resolution).core().jitter().maximum()).isEqualTo(new JitterMaximum.Fixed(Duration.ofMinutes(10)));
        assertThat(valid(resolution).effectiveJitterMax()).isEqualTo(Duration.ofSeconds(205));
        assertThat(warnings(resolution)).containsExactly("--ipsec-jitter-max-duration: 10m0s is capped at 3m25s"
                + " = --ipsec-key-rotation-duration (5m0s) - 1m35s = --key-file-poll-interval (5s) + the publish budget (30s)"
                + " + the Secret propagation budget (1m0s), so every node adopts within the rotation window of the first");
    }

    @Test
    void theSecretPropagationBudgetMovesTheCap() {
        assertThat(valid(resolve("--node-name=n", "--secret-propagation-budget=0")).effectiveJitterMax())
                .isEqualTo(Duration.ofSeconds(265));
    }

    @Test
    void aCapFromTheFileNamesTheFileAndKey() {
        ConfigResolution resolution = resolve(Map.of(), Map.of("a.yaml", "\nipsec-jitter-max-duration: 1h\n"), "--node-name=n", "--config=a.yaml");

        assertThat(warnings(resolution)).singleElement().asString().startsWith("a.yaml:2: ipsec-jitter-max-duration: 1h0m0s is capped at 3m25s");
    }

    @Test
    void aWindowShorterThanTheReserveStillStartsActingAtOnceWithAWarning() {
        ConfigResolution resolution = resolve("--node-name=n", "--ipsec-key-rotation-duration=1m");

        assertThat(valid(resolution).effectiveJitterMax()).isZero();
        assertThat(warnings(resolution)).containsExactly("--ipsec-key-rotation-duration: --ipsec-key-rotation-duration (1m0s)"
                + " is not longer than what the safety cap reserves, 1m35s = --key-file-poll-interval (5s) + the publish budget"
                + " (30s) + the Secret propagation budget (1m0s): no jitter, every node acts at once; lengthen"
                + " --ipsec-key-rotation-duration to more than 1m35s to spread the fleet");
    }

    @Test
    void aLongPollIntervalCanLeaveNoRoomEither() {
        assertThat(warnings(resolve("--node-name=n", "--key-file-poll-interval=5m")))
                .singleElement().asString().contains("no jitter, every node acts at once");
    }

    @Test
    void aTargetRateMustBeAPositiveNumber() {
        assertThat(problems(resolve("--node-name=n", "--ipsec-jitter-target-rate=0")))
                .containsExactly("--ipsec-jitter-target-rate: must be a positive number, got 0");
    }

    @Test
    void withoutJitterAShortWindowIsFineAndAMaximumIsIgnoredWithAWarning() {
        ConfigResolution resolution = resolve("--node-name=n", "--enable-ipsec-jitter=false",
                "--ipsec-key-rotation-duration=10s", "--ipsec-jitter-max-duration=1m");

        assertThat(valid(resolution).effectiveJitterMax()).isEqualTo(Duration.ZERO);
        assertThat(warnings(resolution)).containsExactly("--ipsec-jitter-max-duration: ignored because --enable-ipsec-jitter is false");
    }

    @Test
    void aZeroJitterMaximumIsAllowed() {
        assertThat(valid(resolve("--node-name=n", "--ipsec-jitter-max-duration=0")).effectiveJitterMax()).isEqualTo(Duration.ZERO);
    }

    @Test
    void anInvalidJitterMaximumIsNotAlsoCappedOrChecked() {
        ConfigResolution resolution = resolve("--node-name=n", "--ipsec-key-rotation-duration=1m", "--ipsec-jitter-max-duration=soon");

        assertThat(problems(resolution)).singleElement().asString().startsWith("--ipsec-jitter-max-duration: expected auto or a duration: invalid duration");
        assertThat(warnings(resolution)).isEmpty();
    }
}

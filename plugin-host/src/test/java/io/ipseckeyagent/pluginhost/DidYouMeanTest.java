package io.ipseckeyagent.pluginhost;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DidYouMeanTest {
    /** Some of the agent's flag names. */
    private static final List<String> NAMES = List.of("node-name", "cluster-name", "ipsec-key-file", "ipsec-key-rotation-duration",
            "enable-ipsec-jitter", "ipsec-jitter-max-duration", "ipsec-jitter-policy", "key-file-poll-interval", "kubeconfig",
            "state-file", "log-format", "log-level", "config", "plugin-dir");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ipsec-jiter-policy           | ipsec-jitter-policy
            ipsec-jitter-polciy          | ipsec-jitter-policy
            ipsec-key-rotaton-duration   | ipsec-key-rotation-duration
            ipsecKeyRotationDuration     | ipsec-key-rotation-duration
            IPSEC_KEY_FILE               | ipsec-key-file
            log-levle                    | log-level
            nodename                     | node-name
            kubeconfg                    | kubeconfig
            """)
    void suggestsTheClosestName(String typed, String expected) {
        assertThat(DidYouMean.closest(typed, NAMES).toJavaOptional()).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"verbose", "foo", "x", "enable-everything", "ipsec"})
    void staysQuietWhenNothingIsClose(String typed) {
        assertThat(DidYouMean.closest(typed, NAMES).isEmpty()).isTrue();
    }

    @Test
    void countsAnAdjacentSwapAsOneEdit() {
        assertThat(DidYouMean.distance("polciy", "policy")).isEqualTo(1);
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void ignoresHugeInput() {
        assertThat(DidYouMean.closest("x".repeat(10_000), NAMES).isEmpty()).isTrue();
    }
}

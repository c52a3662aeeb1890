package io.ipseckeyagent.adapters.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationsTest {

    @ParameterizedTest
    @CsvSource({
        "PT0S,          0s",
        "PT0.15S,       150ms",
        "PT0.0000015S,  1.5µs",
        "PT0.000000007S, 7ns",
        "PT37.412S,     37.412s",
        "PT2M30S,       2m30s",
        "PT1H,          1h0m0s",
        "PT26H0.5S,     26h0m0.5s",
        "PT-2S,         -2s",
    })
    void printsDurationsAsGoDoes(String iso, String go) {
        assertThat(GoDurations.format(Duration.parse(iso))).isEqualTo(go);
    }
}

package io.ipseckeyagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The harness's reader of the agent's logged durations (a unit test: no agent needed). */
class GoDurationsTest {
    @Test
    void readsTheShapesTheAgentLogs() {
        assertThat(GoDurations.parse("0s")).isZero();
        assertThat(GoDurations.parse("671ms")).isEqualTo(Duration.ofMillis(671));
        assertThat(GoDurations.parse("19.037s")).isEqualTo(Duration.ofMillis(19_037));
        assertThat(GoDurations.parse("2m29.907252158s")).isEqualTo(Duration.ofSeconds(149, 907_252_158));
        assertThat(GoDurations.parse("1h0m0s")).isEqualTo(Duration.ofHours(1));
        assertThat(GoDurations.parse("12.5µs")).isEqualTo(Duration.ofNanos(12_500));
    }

    @Test
    void refusesAnythingElse() {
        assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.parse("5"));
        assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.parse("PT5S"));
        assertThatIllegalArgumentException().isThrownBy(() -> GoDurations.parse("5s "));
    }
}

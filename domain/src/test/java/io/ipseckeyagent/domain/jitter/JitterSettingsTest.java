package io.ipseckeyagent.domain.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JitterSettingsTest {

    private static JitterSettings settings(Duration window, Option<Duration> jitterMax) {
        return JitterSettings.of(true, window, jitterMax, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    @Test
    void defaultsUseHalfTheWindowUncapped() {
        EffectiveJitter jitter = JitterSettings.defaults().resolve().getOrElseThrow(AssertionError::new);

        assertThat(jitter.enabled()).isTrue();
        assertThat(jitter.max()).isEqualTo(Duration.ofSeconds(150));
        assertThat(jitter.keyRotationDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(jitter.capped()).isEmpty();
    }

    @Test
    void aJitterMaxLargerThanTheWindowAllowsIsCappedWithAWarningNamingBothNumbers() {
        EffectiveJitter jitter = settings(Duration.ofMinutes(5), Option.some(Duration.ofMinutes(10)))
                .resolve().getOrElseThrow(AssertionError::new);

        assertThat(jitter.max()).isEqualTo(Duration.ofSeconds(265));
        assertThat(jitter.capped()).hasSize(1);
        assertThat(jitter.capped().map(JitterCapped::message).getOrElse(""))
                .isEqualTo("10m0s is capped at 4m25s = keyRotationDuration (5m0s) - the poll interval (5s)"
                        + " - the publish budget (30s), so every node publishes within the rotation window");
    }

    @Test
    void aJitterMaxThatFitsExactlyIsNotCapped() {
        EffectiveJitter jitter = settings(Duration.ofMinutes(5), Option.some(Duration.ofSeconds(265)))
                .resolve().getOrElseThrow(AssertionError::new);

        assertThat(jitter.max()).isEqualTo(Duration.ofSeconds(265));
        assertThat(jitter.capped()).isEmpty();
    }

    @Test
    void aWindowWithNothingLeftForJitterIsAConfigurationError() {
        var result = settings(Duration.ofSeconds(35), Option.none()).resolve();

        assertThat(result.isInvalid()).isTrue();
        assertThat(result.getError()).singleElement().asString()
                .contains("35s leaves no time for jitter", "the poll interval (5s)", "publish budget (30s)", "turn jitter off");
    }

    @Test
    void disabledJitterActsAtOnceEvenInAShortWindow() {
        EffectiveJitter jitter = JitterSettings.of(false, Duration.ofSeconds(10), Option.none(),
                Duration.ofSeconds(5), Duration.ofSeconds(30)).resolve().getOrElseThrow(AssertionError::new);

        assertThat(jitter.enabled()).isFalse();
        assertThat(jitter.max()).isZero();
    }

    @Test
    void everyBadValueIsReportedAtOnce() {
        var result = new JitterSettings(true, Duration.ZERO, Duration.ofSeconds(-1), Duration.ZERO,
                Duration.ofMillis(-250)).resolve();

        assertThat(result.getError()).containsExactly(
                "keyRotationDuration must be positive, was 0s",
                "pollInterval must be positive, was 0s",
                "jitterMax must not be negative, was -1s",
                "publishBudget must not be negative, was -250ms");
    }
}

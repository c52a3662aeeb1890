package io.ipseckeyagent.domain.jitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    private static final RetryBackoff BACKOFF = RetryBackoff.DEFAULT;

    @Test
    void theCeilingDoublesFromTheBaseUpToTheCap() {
        assertThat(BACKOFF.ceiling(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(BACKOFF.ceiling(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(BACKOFF.ceiling(8)).isEqualTo(Duration.ofMillis(25_600));
        assertThat(BACKOFF.ceiling(9)).isEqualTo(Duration.ofSeconds(30));
        assertThat(BACKOFF.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void delaysAreFullJitterBelowTheCeiling() {
        qt().withFixedSeed(3L).withExamples(2_000).forAll(integers().between(1, 100), doubles().between(0, 0.999999))
                .checkAssert((failures, uniform) -> assertThat(BACKOFF.delay(failures, uniform, Option.none()))
                        .isBetween(Duration.ZERO, BACKOFF.ceiling(failures)));
    }

    @Test
    void retryAfterIsAFloor() {
        assertThat(BACKOFF.delay(1, 0.5, Option.some(Duration.ofSeconds(7)))).isEqualTo(Duration.ofSeconds(7));
        assertThat(BACKOFF.delay(9, 0.5, Option.some(Duration.ofSeconds(1)))).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void configurationIsChecked() {
        assertThat(RetryBackoff.of(Duration.ZERO, Duration.ofSeconds(1)).getError())
                .containsExactly("retry base must be at least 1ms, was 0s");
        assertThat(RetryBackoff.of(Duration.ofSeconds(2), Duration.ofSeconds(1)).getError())
                .containsExactly("retry cap 1s must not be less than the retry base 2s");
        assertThat(RetryBackoff.of(Duration.ofMillis(200), Duration.ofSeconds(30)).toOption()).contains(BACKOFF);
    }
}

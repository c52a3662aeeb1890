package io.ipseckeyagent.domain.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadlineTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Deadline DEADLINE = Deadline.of(T0, Duration.ofMinutes(5));

    @Test
    void isDueOneRotationWindowAfterDetection() {
        assertThat(DEADLINE.due()).isEqualTo(T0.plusSeconds(300));
        assertThat(DEADLINE.isOverdue(T0.plusSeconds(299))).isFalse();
        assertThat(DEADLINE.isOverdue(T0.plusSeconds(300))).isTrue();
    }

    @Test
    void theJitterLeftShrinksAsTimePassesAndNeverGoesNegative() {
        Duration max = Duration.ofSeconds(150);

        assertThat(DEADLINE.jitterLeft(max, T0)).isEqualTo(max);
        assertThat(DEADLINE.jitterLeft(max, T0.plusSeconds(30))).isEqualTo(Duration.ofSeconds(120));
        assertThat(DEADLINE.jitterLeft(max, T0.plusSeconds(200))).isZero();
        assertThat(DEADLINE.jitterLeft(max, T0.minusSeconds(1))).isEqualTo(max);
    }
}

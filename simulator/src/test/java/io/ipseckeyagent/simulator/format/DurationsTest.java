package io.ipseckeyagent.simulator.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void readsGoStyleAndIsoDurations() {
        assertThat(Durations.parse("150ms")).isEqualTo(Duration.ofMillis(150));
        assertThat(Durations.parse("2m30s")).isEqualTo(Duration.ofSeconds(150));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("1m5s20ms")).isEqualTo(Duration.ofMillis(65_020));
        assertThat(Durations.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesAnythingElseSayingWhatItTakes() {
        for (String wrong : new String[] {"", "30", "s", "5 m", "-5s", "1.5s", "PTx"}) {
            assertThatThrownBy(() -> Durations.parse(wrong)).as(wrong)
                    .hasMessageContaining("not a duration; write it like 150ms, 30s, 2m30s or PT30S");
        }
    }

    @Test
    void writesDurationsAsTheAgentLogsThem() {
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofMillis(20))).isEqualTo("20ms");
        assertThat(Durations.format(Duration.ofMillis(1_500))).isEqualTo("1.5s");
        assertThat(Durations.format(Duration.ofSeconds(150))).isEqualTo("2m30s");
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
    }
}

package io.ipseckeyagent.adapters.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DebounceWindowTest {
    private static final long MS = 1_000_000;
    private final DebounceWindow window = new DebounceWindow(Duration.ofMillis(20), Duration.ofMillis(100));

    @Test
    void checksOnceTheBurstHasBeenQuietLongEnough() {
        assertThat(window.checkAt(0, 0)).isEqualTo(20 * MS);
        assertThat(window.checkAt(0, 15 * MS)).isEqualTo(35 * MS);
    }

    @Test
    void aBurstThatNeverPausesIsCheckedAtTheCap() {
        assertThat(window.checkAt(0, 95 * MS)).isEqualTo(100 * MS);
        assertThat(window.checkAt(1_000 * MS, 2_000 * MS)).isEqualTo(1_100 * MS);
    }

    @Test
    void worksWhenNanoTimeWrapsAround() {
        long first = Long.MAX_VALUE - 110 * MS;
        assertThat(window.checkAt(first, first + 95 * MS) - first).isEqualTo(100 * MS);
    }
}

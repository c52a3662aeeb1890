package io.ipseckeyagent.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateTest {
    private static final long MS = 1_000_000L;

    @Test
    void thePeakIsTheBusiestOneSecondWindowWhereverItStartsAndPercentilesAreOverWholeSeconds() {
        Times times = new Times();
        // 2 in second 0 (late), 2 in second 1 (early), none in seconds 2 and 3, 1 in second 4
        for (long at : new long[] {800 * MS, 900 * MS, 1_100 * MS, 1_200 * MS, 4_500 * MS}) {
            times.add(at);
        }

        Rate rate = Rate.of(times);

        assertThat(times.perSecond()).containsExactly(2, 2, 0, 0, 1);
        assertThat(rate).isEqualTo(new Rate(5, 4, 1, 2, 2));
    }

    @Test
    void nothingRecordedIsAllZeros() {
        assertThat(Rate.of(new Times())).isEqualTo(new Rate(0, 0, 0, 0, 0));
    }

    @Test
    void timesGrowPastTheirFirstArray() {
        Times times = new Times();
        for (int i = 0; i < 5_000; i++) {
            times.add(i * MS);
        }
        assertThat(times.size()).isEqualTo(5_000);
        assertThat(times.peakPerSecond()).isEqualTo(1_000);
        assertThat(times.perSecond()).containsOnly(1_000);
    }
}

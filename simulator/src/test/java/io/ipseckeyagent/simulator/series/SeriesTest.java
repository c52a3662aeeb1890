package io.ipseckeyagent.simulator.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeriesTest {

    @Test
    void endsAtTheLastSecondInWhichSomethingHappenedAndSumsTheAdoptionsUp() {
        Series series = Series.of("uniform", new int[] {2, 0, 3, 0, 0}, new long[] {4, 0, 6, 1, 0, 0, 0},
                new int[] {1, 1, 3});

        assertThat(series.seconds()).isEqualTo(4); // the watch event in second 3 is the last thing
        assertThat(series.patches()).containsExactly(2, 0, 3, 0);
        assertThat(series.watchEvents()).containsExactly(4, 0, 6, 1);
        assertThat(series.adopted()).containsExactly(1, 2, 5, 5);
    }

    @Test
    void nothingHappeningIsAnEmptySeries() {
        assertThat(Series.of("disabled", new int[] {0, 0}, new long[0], new int[0]).seconds()).isZero();
    }

    @Test
    void watchEventsAreWritesTimesWatchers() {
        assertThat(Series.times(new int[] {3, 0, 1}, 999)).containsExactly(2_997, 0, 999);
    }

    @Test
    void theCsvHasAHeaderAndOneLinePerSecond() {
        Series series = Series.of("rank", new int[] {1, 2}, new long[] {9, 18}, new int[] {1, 2});

        assertThat(series.csv()).isEqualTo("second,patch_requests,watch_events,adopted_nodes\n0,1,9,1\n1,2,18,3\n");
    }

    @Test
    void theArraysMustCoverTheSameSeconds() {
        assertThatThrownBy(() -> new Series("x", new int[1], new long[2], new int[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

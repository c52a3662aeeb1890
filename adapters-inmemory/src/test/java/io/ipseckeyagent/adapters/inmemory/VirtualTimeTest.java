package io.ipseckeyagent.adapters.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What VirtualTime promises beyond the scheduler contract. */
class VirtualTimeTest {
    private final VirtualTime time = new VirtualTime();

    @Test
    void aTimerSeesItsOwnDueTimeAndTheClockEndsAtTheTarget() {
        List<Instant> seen = new ArrayList<>();
        time.schedule(Duration.ofSeconds(90), () -> seen.add(time.now()));

        time.advance(Duration.ofMinutes(5));

        assertThat(seen).containsExactly(VirtualTime.EPOCH.plusSeconds(90));
        assertThat(time.now()).isEqualTo(VirtualTime.EPOCH.plusSeconds(300));
    }

    @Test
    void runUntilIdleFollowsTimersAsFarAsTheyGo() {
        List<Instant> seen = new ArrayList<>();
        time.schedule(Duration.ofHours(2), () -> time.schedule(Duration.ofHours(1), () -> seen.add(time.now())));

        time.runUntilIdle();

        assertThat(seen).containsExactly(VirtualTime.EPOCH.plus(Duration.ofHours(3)));
        assertThat(time.queued()).isZero();
    }

    @Test
    void hoursOfTimersRunInMilliseconds() {
        int[] count = {0};
        for (int i = 0; i < 100_000; i++) {
            time.schedule(Duration.ofMillis(i * 100L), () -> count[0]++);
        }

        time.advance(Duration.ofHours(3));

        assertThat(count[0]).isEqualTo(100_000);
    }

    @Test
    void workThatNeverEndsIsStoppedWithAClearError() {
        Runnable[] forever = new Runnable[1];
        forever[0] = () -> time.schedule(Duration.ofSeconds(1), forever[0]);
        time.execute(forever[0]);

        assertThatThrownBy(() -> time.runUntilIdle(1_000)).hasMessageContaining("still busy after 1000 tasks");
    }
}

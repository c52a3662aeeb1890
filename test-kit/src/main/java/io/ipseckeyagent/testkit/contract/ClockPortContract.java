package io.ipseckeyagent.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.ClockPort;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link ClockPort} must do. Subclass it in your adapter's tests. */
public abstract class ClockPortContract {

    protected abstract ClockPort clock();

    /** Lets {@code duration} pass (sleeps, for a real clock). */
    protected abstract void letTimePass(Duration duration);

    @Test
    void neverGoesBackwards() {
        Instant previous = clock().now();
        for (int i = 0; i < 10_000; i++) {
            Instant next = clock().now();
            assertThat(next).isAfterOrEqualTo(previous);
            previous = next;
        }
    }

    @Test
    void movesWithTime() {
        Instant before = clock().now();

        letTimePass(Duration.ofMillis(50));

        assertThat(Duration.between(before, clock().now())).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }
}

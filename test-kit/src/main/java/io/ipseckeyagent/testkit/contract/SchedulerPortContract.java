package io.ipseckeyagent.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.SchedulerPort;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SchedulerPort} must do. Subclass it in your adapter's tests. Delays here are
 * a few hundred milliseconds at most, so a real scheduler passes in a few seconds.
 */
public abstract class SchedulerPortContract {

    /** The scheduler under test: the same instance for the whole test, a fresh one per test. */
    protected abstract SchedulerPort scheduler();

    /** Lets {@code duration} pass and returns once every task due by then has run. */
    protected abstract void letTimePass(Duration duration);

    /**
     * The scheduler's time in nanoseconds, to check that a timer ran no sooner than its delay: the
     * JVM's monotonic clock for a real scheduler; override it for a virtual clock.
     */
    protected long nowNanos() {
        return System.nanoTime();
    }

    private final List<String> ran = new CopyOnWriteArrayList<>();

    private Runnable record(String name) {
        return () -> ran.add(name);
    }

    @Test
    void tasksRunInTheOrderTheyWereSubmitted() {
        for (int i = 0; i < 100; i++) {
            scheduler().execute(record("task " + i));
        }

        letTimePass(Duration.ofMillis(50));

        assertThat(ran).hasSize(100).isSortedAccordingTo((a, b) ->
                Integer.compare(Integer.parseInt(a.substring(5)), Integer.parseInt(b.substring(5))));
    }

    @Test
    void tasksNeverRunTwoAtATime() {
        AtomicInteger running = new AtomicInteger();
        List<Integer> seen = Collections.synchronizedList(new java.util.ArrayList<>());
        for (int i = 0; i < 50; i++) {
            Runnable task = () -> {
                seen.add(running.incrementAndGet());
                Thread.onSpinWait();
                running.decrementAndGet();
            };
            if (i % 2 == 0) {
                scheduler().execute(task);
            } else {
                scheduler().schedule(Duration.ofMillis(i), task);
            }
        }

        letTimePass(Duration.ofMillis(200));

        assertThat(seen).hasSize(50).containsOnly(1);
    }

    @Test
    void aTimerRunsNoSoonerThanItsDelay() {
        // The time it ran, not whether it ran by some moment: a loaded machine may oversleep that moment.
        List<Long> ranAt = new CopyOnWriteArrayList<>();
        long scheduledAt = nowNanos();
        scheduler().schedule(Duration.ofMillis(300), () -> ranAt.add(nowNanos()));

        letTimePass(Duration.ofMillis(500));

        assertThat(ranAt).singleElement()
                .satisfies(at -> assertThat(Duration.ofNanos(at - scheduledAt)).isGreaterThanOrEqualTo(Duration.ofMillis(300)));
    }

    @Test
    void timersRunInTheOrderTheyFallDue() {
        scheduler().schedule(Duration.ofMillis(150), record("third"));
        scheduler().schedule(Duration.ofMillis(50), record("first"));
        scheduler().schedule(Duration.ofMillis(100), record("second"));

        letTimePass(Duration.ofMillis(400));

        assertThat(ran).containsExactly("first", "second", "third");
    }

    @Test
    void aCancelledTimerNeverRuns() {
        SchedulerPort.Cancellable timer = scheduler().schedule(Duration.ofMillis(100), record("cancelled"));
        scheduler().schedule(Duration.ofMillis(150), record("kept"));

        assertThat(timer.cancel()).isTrue();
        assertThat(timer.cancel()).isFalse();
        letTimePass(Duration.ofMillis(400));

        assertThat(ran).containsExactly("kept");
    }

    @Test
    void cancellingATimerThatRanSaysSo() {
        SchedulerPort.Cancellable timer = scheduler().schedule(Duration.ofMillis(10), record("ran"));

        letTimePass(Duration.ofMillis(200));

        assertThat(ran).containsExactly("ran");
        assertThat(timer.cancel()).isFalse();
    }

    @Test
    void aZeroOrNegativeDelayRunsSoon() {
        scheduler().schedule(Duration.ZERO, record("zero"));
        scheduler().schedule(Duration.ofMillis(-5), record("negative"));

        letTimePass(Duration.ofMillis(50));

        assertThat(ran).containsExactlyInAnyOrder("zero", "negative");
    }

    @Test
    void aTaskMaySubmitMoreWorkWhichRunsAfterWhatWasAlreadyQueued() {
        scheduler().execute(() -> {
            ran.add("first");
            scheduler().execute(record("submitted by first"));
            scheduler().schedule(Duration.ofMillis(20), record("timer set by first"));
        });
        scheduler().execute(record("second"));

        letTimePass(Duration.ofMillis(200));

        assertThat(ran).containsExactly("first", "second", "submitted by first", "timer set by first");
    }
}

package io.ipseckeyagent.adapters.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ipseckeyagent.application.port.out.SchedulerPort;
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

    @Test
    void tasksDueNowAndTimersRunInOneOrderByDueTimeThenSubmissionWhateverTheQueuesHold() {
        List<String> ran = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // past both queues' first capacity, wrapping the ring
            int n = i;
            time.schedule(Duration.ofSeconds(40 - i), () -> ran.add("timer" + n));
            time.execute(() -> ran.add("now" + n));
        }
        time.schedule(Duration.ofSeconds(1), () -> {
            ran.add("first at 1s");
            time.execute(() -> ran.add("after first, at 1s"));
        });
        SchedulerTimerProbe.cancelled(time, ran);

        time.runUntilIdle();

        assertThat(ran.subList(0, 40)).isEqualTo(java.util.stream.IntStream.range(0, 40).mapToObj(i -> "now" + i).toList());
        // timer39 (due 1s) was submitted before "first at 1s": same due time, submission decides
        assertThat(ran.subList(40, 43)).containsExactly("timer39", "first at 1s", "after first, at 1s");
        assertThat(ran.get(ran.size() - 1)).isEqualTo("timer0");
        assertThat(ran).hasSize(82).doesNotContain("cancelled");
        assertThat(time.queued()).isZero();
        assertThat(time.tasksRun()).isEqualTo(82);
    }

    /** A zero-delay timer cancelled before it runs never runs, and is not counted as queued. */
    private static final class SchedulerTimerProbe {
        static void cancelled(VirtualTime time, List<String> ran) {
            var timer = time.schedule(Duration.ZERO, () -> ran.add("cancelled"));
            int queued = time.queued();
            assertThat(timer.cancel()).isTrue();
            assertThat(time.queued()).isEqualTo(queued - 1);
            assertThat(timer.cancel()).isFalse();
        }
    }

    @Test
    void elapsedNanosAndScheduleNanosCountFromTheStart() {
        time.scheduleNanos(1_500, () -> assertThat(time.elapsedNanos()).isEqualTo(1_500));

        time.advance(Duration.ofSeconds(1));

        assertThat(time.elapsedNanos()).isEqualTo(1_000_000_000L);
        assertThat(time.tasksRun()).isEqualTo(1);
    }

    @Test
    void tasksThatCannotBeCancelledKeepTheOrderOfDueTimeThenSubmission() {
        List<String> ran = new ArrayList<>();
        time.runAfterNanos(2_000, () -> ran.add("plain later"));
        time.scheduleNanos(1_000, () -> ran.add("timer"));
        time.runAfterNanos(1_000, () -> ran.add("plain same instant"));
        time.runAfterNanos(0, () -> ran.add("plain now"));
        time.execute(() -> ran.add("executed"));
        assertThat(time.queued()).isEqualTo(5);

        time.runUntilIdle();

        assertThat(ran).containsExactly("plain now", "executed", "timer", "plain same instant", "plain later");
        assertThat(time.elapsedNanos()).isEqualTo(2_000);
    }

    @Test
    void thousandsOfTimersWithTiedDueTimesRunSortedByDueTimeThenSubmission() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        List<long[]> submitted = new ArrayList<>(); // {due, submission}
        List<long[]> ran = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) { // a heap many levels deep; 50 due times, so most ties
            long due = 1 + random.nextInt(50);
            long[] key = {due, i};
            submitted.add(key);
            time.scheduleNanos(due, () -> ran.add(key));
            if (i % 7 == 0) {
                time.advance(Duration.ZERO); // nothing due yet: the heap only grows
            }
        }

        time.runUntilIdle();

        submitted.sort(java.util.Comparator.<long[]>comparingLong(key -> key[0]).thenComparingLong(key -> key[1]));
        assertThat(ran).containsExactlyElementsOf(submitted);
    }

    @Test
    void timersInLanesInTheHeapAndInOrderRunAsOneQueueByDueTimeThenSubmission() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        VirtualTime.InOrder server = time.inOrder();
        long[] fixed = {5, 20, 1_000, 7, 300, 64, 9_000, 2, 450, 3_000}; // more delays than lanes
        List<long[]> submitted = new ArrayList<>(); // {due, submission}; the submission counts every task queued
        List<long[]> ran = new ArrayList<>();
        long serverDue = 0;
        for (int i = 0; i < 20_000; i++) {
            long now = time.elapsedNanos();
            long[] key = new long[2];
            key[1] = i;
            Runnable task = () -> ran.add(key);
            switch (random.nextInt(5)) {
                case 0 -> {
                    key[0] = now + fixed[random.nextInt(fixed.length)];
                    time.runAfterNanos(key[0] - now, task);
                }
                case 1 -> {
                    key[0] = now + random.nextLong(5_000);
                    time.runAfterNanos(key[0] - now, task);
                }
                case 2 -> {
                    serverDue = Math.max(serverDue, now) + random.nextInt(3);
                    key[0] = serverDue;
                    server.runAfterNanos(serverDue - now, task);
                }
                case 3 -> {
                    key[0] = now;
                    time.execute(task);
                }
                default -> {
                    key[0] = now + fixed[random.nextInt(3)];
                    SchedulerPort.Cancellable timer = time.scheduleNanos(key[0] - now, task);
                    if (random.nextInt(3) == 0) {
                        assertThat(timer.cancel()).isTrue();
                        continue; // never runs
                    }
                }
            }
            submitted.add(key);
            if (i % 50 == 0) {
                time.advance(Duration.ofNanos(random.nextLong(200))); // some run, and later ones queue behind them
            }
        }

        time.runUntilIdle();

        submitted.sort(java.util.Comparator.<long[]>comparingLong(key -> key[0]).thenComparingLong(key -> key[1]));
        assertThat(ran).containsExactlyElementsOf(submitted);
        assertThat(time.queued()).isZero();
    }

    @Test
    void aTaskQueuedInOrderMayNotFallDueBeforeTheOneQueuedBeforeIt() {
        VirtualTime.InOrder server = time.inOrder();
        server.runAfterNanos(1_000, () -> { });

        assertThatThrownBy(() -> server.runAfterNanos(999, () -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before the last task queued in order");
        assertThat(time.queued()).isEqualTo(1);
    }
}

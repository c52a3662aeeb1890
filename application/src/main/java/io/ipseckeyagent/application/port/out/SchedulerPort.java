package io.ipseckeyagent.application.port.out;

import java.time.Duration;

/**
 * Where the agent's work runs. Implementations run every task one at a time, never two at once,
 * in the order submitted (and, for timers, in the order they fall due), so the core needs no
 * locks. Cancelling a timer before it runs means it never runs.
 */
public interface SchedulerPort {
    /** Runs {@code task} soon, after the tasks already queued. */
    void execute(Runnable task);

    /** Runs {@code task} once, {@code delay} from now (zero or negative: as soon as possible). */
    Cancellable schedule(Duration delay, Runnable task);

    /** A timer that can be cancelled. */
    interface Cancellable {
        /** Returns true if the task will now never run; false if it already ran or was cancelled. */
        boolean cancel();
    }
}

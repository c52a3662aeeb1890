package io.ipseckeyagent.adapters.runtime;

import io.ipseckeyagent.application.port.out.SchedulerPort;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The agent's one thread: every task and timer runs on it, one at a time, so the core needs no
 * locks. A task that throws is a bug; it is reported and the thread goes on.
 */
final class SerialScheduler implements RuntimeAdapters.OwnedScheduler {
    private final ScheduledThreadPoolExecutor executor;
    private final Consumer<Throwable> onBug;

    SerialScheduler(String threadName, Consumer<Throwable> onBug) {
        this.onBug = Objects.requireNonNull(onBug, "onBug");
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        // Cancelled timers leave the queue at once, so a long jitter wait that is cancelled costs nothing.
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(guarded(task));
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        long nanos = Math.max(0, delay.toNanos());
        ScheduledFuture<?> future = executor.schedule(guarded(task), nanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /** Stops taking work; waits up to {@code timeout} for the running task to end. */
    @Override
    public boolean shutdown(Duration timeout) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean awaitIdle(Duration bound) throws InterruptedException {
        CountDownLatch idle = new CountDownLatch(1);
        try {
            executor.execute(idle::countDown);
        } catch (RejectedExecutionException e) {
            return true; // shut down: nothing left to wait for
        }
        return idle.await(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private Runnable guarded(Runnable task) {
        Objects.requireNonNull(task, "task");
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                onBug.accept(e);
            }
        };
    }
}

package io.ipseckeyagent.simulator.demo;

import io.ipseckeyagent.application.port.out.SchedulerPort;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One agent's thread, as the agent jar gives each agent (a copy of the few lines of bootstrap's
 * {@code SerialScheduler}, so the simulator does not depend on bootstrap). A task that throws is a
 * bug: it is reported and the thread goes on.
 */
final class ExecutorScheduler implements SchedulerPort, AutoCloseable {
    private final ScheduledThreadPoolExecutor executor;
    private final Consumer<Throwable> onBug;

    ExecutorScheduler(String threadName, Consumer<Throwable> onBug) {
        this.onBug = onBug;
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(guarded(task));
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(guarded(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /** Runs everything queued so far, then returns. */
    void drain() throws InterruptedException {
        try {
            executor.submit(() -> {}).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the agent's thread is stuck", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error bug) {
                onBug.accept(bug);
            }
        };
    }
}

package io.ipseckeyagent.adapters.inmemory;

import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A clock and a scheduler in one, where time moves only when a test says so: hours of virtual
 * time run in milliseconds, and every run is the same. Tasks run on the caller's thread, one at a
 * time, ordered by due time and then by submission; while a timer runs, {@link #now()} is its due
 * time. Any number of services may share one instance.
 */
public final class VirtualTime implements ClockPort, SchedulerPort {
    /** Where every virtual clock starts unless told otherwise. */
    public static final Instant EPOCH = Instant.parse("2026-11-24T10:00:00Z");
    private static final long DEFAULT_TASK_LIMIT = 50_000_000;

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private Instant now;
    private long submitted;
    private long ran;
    private int live;

    public VirtualTime() {
        this(EPOCH);
    }

    public VirtualTime(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        enqueue(Duration.ZERO, task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        return enqueue(delay, task);
    }

    /** Moves time forward by {@code duration}, running every task that falls due on the way, in order. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("virtual time only moves forward");
        }
        Instant target = now().plus(duration);
        runWhileDueBy(target, DEFAULT_TASK_LIMIT);
        synchronized (this) {
            now = target;
        }
    }

    /** Runs the tasks due now (and those they submit for now), without moving time. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Runs every task and timer, moving time to each one's due time, until nothing is left. */
    public void runUntilIdle() {
        runWhileDueBy(Instant.MAX, DEFAULT_TASK_LIMIT);
    }

    /** Like {@link #runUntilIdle()}, but fails after {@code maxTasks} tasks: for work that might never end. */
    public void runUntilIdle(long maxTasks) {
        runWhileDueBy(Instant.MAX, maxTasks);
    }

    /** How many tasks and timers are waiting (cancelled timers not counted). */
    public synchronized int queued() {
        return live;
    }

    /** How many tasks have run so far. */
    public synchronized long tasksRun() {
        return ran;
    }

    private synchronized Task enqueue(Duration delay, Runnable task) {
        Duration wait = delay.isNegative() ? Duration.ZERO : delay;
        Task entry = new Task(now.plus(wait), submitted++, task);
        queue.add(entry);
        live++;
        return entry;
    }

    private void runWhileDueBy(Instant limit, long maxTasks) {
        long budget = maxTasks;
        for (Task task = nextDueBy(limit); task != null; task = nextDueBy(limit)) {
            if (budget-- == 0) {
                throw new IllegalStateException("still busy after " + maxTasks + " tasks, at " + now());
            }
            task.runnable.run();
        }
    }

    /** Takes the next live task due by {@code limit} and moves the clock to its due time. */
    private synchronized Task nextDueBy(Instant limit) {
        while (!queue.isEmpty() && !queue.peek().due.isAfter(limit)) {
            Task task = queue.poll();
            if (!task.cancelled) {
                task.done = true;
                live--;
                ran++;
                if (task.due.isAfter(now)) {
                    now = task.due;
                }
                return task;
            }
        }
        return null;
    }

    private synchronized boolean cancel(Task task) {
        if (task.done || task.cancelled) {
            return false;
        }
        task.cancelled = true; // left in the queue and skipped: cancelling stays O(1)
        live--;
        return true;
    }

    private final class Task implements Comparable<Task>, Cancellable {
        final Instant due;
        final long order;
        final Runnable runnable;
        boolean cancelled;
        boolean done;

        Task(Instant due, long order, Runnable runnable) {
            this.due = due;
            this.order = order;
            this.runnable = runnable;
        }

        @Override
        public int compareTo(Task other) {
            int byDue = due.compareTo(other.due);
            return byDue != 0 ? byDue : Long.compare(order, other.order);
        }

        @Override
        public boolean cancel() {
            return VirtualTime.this.cancel(this);
        }
    }
}

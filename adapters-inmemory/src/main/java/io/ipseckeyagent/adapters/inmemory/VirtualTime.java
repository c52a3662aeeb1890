package io.ipseckeyagent.adapters.inmemory;

import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * A clock and a scheduler in one, where time moves only when a test says so: hours of virtual
 * time run in milliseconds, and every run is the same. Tasks run on the caller's thread, one at a
 * time, ordered by due time and then by submission; while a timer runs, {@link #now()} is its due
 * time. Any number of services may share one instance.
 *
 * <p>Tasks due now (the bulk of a fleet's work) wait in a FIFO, timers in a heap keyed by
 * nanoseconds since the start; the next task is the earlier of the two heads by (due, submission),
 * so the order is exactly that of one queue, at O(1) for tasks due now.
 */
public final class VirtualTime implements ClockPort, SchedulerPort {
    /** Where every virtual clock starts unless told otherwise. */
    public static final Instant EPOCH = Instant.parse("2026-11-24T10:00:00Z");
    private static final long DEFAULT_TASK_LIMIT = 50_000_000;

    private final PriorityQueue<Task> timers = new PriorityQueue<>();
    private final ArrayDeque<Task> dueNow = new ArrayDeque<>();
    private final Instant start;
    private Instant now;
    private long nowNanos;
    private long submitted;
    private long ran;
    private int live;

    public VirtualTime() {
        this(EPOCH);
    }

    public VirtualTime(Instant start) {
        this.start = start;
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        if (now == null) {
            now = start.plusNanos(nowNanos);
        }
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
        long target;
        synchronized (this) {
            target = later(nowNanos, duration);
        }
        runWhileDueBy(target, DEFAULT_TASK_LIMIT);
        synchronized (this) {
            moveTo(target);
        }
    }

    /** Runs the tasks due now (and those they submit for now), without moving time. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Runs every task and timer, moving time to each one's due time, until nothing is left. */
    public void runUntilIdle() {
        runWhileDueBy(Long.MAX_VALUE, DEFAULT_TASK_LIMIT);
    }

    /** Like {@link #runUntilIdle()}, but fails after {@code maxTasks} tasks: for work that might never end. */
    public void runUntilIdle(long maxTasks) {
        runWhileDueBy(Long.MAX_VALUE, maxTasks);
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
        boolean immediate = delay.isNegative() || delay.isZero();
        Task entry = new Task(immediate ? nowNanos : later(nowNanos, delay), submitted++, task);
        if (immediate) {
            dueNow.add(entry);
        } else {
            timers.add(entry);
        }
        live++;
        return entry;
    }

    private void runWhileDueBy(long limit, long maxTasks) {
        long budget = maxTasks;
        for (Task task = nextDueBy(limit); task != null; task = nextDueBy(limit)) {
            if (budget-- == 0) {
                throw new IllegalStateException("still busy after " + maxTasks + " tasks, at " + now());
            }
            task.runnable.run();
        }
    }

    /** Takes the next live task due by {@code limit} and moves the clock to its due time. */
    private synchronized Task nextDueBy(long limit) {
        for (Task task = earliest(); task != null && task.due <= limit; task = earliest()) {
            (task == dueNow.peekFirst() ? dueNow : timers).poll();
            if (!task.cancelled) {
                task.done = true;
                live--;
                ran++;
                if (task.due > nowNanos) {
                    moveTo(task.due);
                }
                return task;
            }
        }
        return null;
    }

    /** The head of the FIFO or of the heap, whichever comes first by (due, submission). */
    private Task earliest() {
        Task fifo = dueNow.peekFirst();
        Task timer = timers.peek();
        if (fifo == null || timer == null) {
            return fifo != null ? fifo : timer;
        }
        return fifo.compareTo(timer) <= 0 ? fifo : timer;
    }

    /** {@code nanos} plus {@code duration}, saturating: a timer centuries away simply never comes. */
    private static long later(long nanos, Duration duration) {
        try {
            return Math.addExact(nanos, duration.toNanos());
        } catch (ArithmeticException tooFar) {
            return Long.MAX_VALUE;
        }
    }

    private void moveTo(long nanos) {
        nowNanos = nanos;
        now = null; // made when asked for: many steps of time are never looked at
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
        final long due;
        final long order;
        final Runnable runnable;
        boolean cancelled;
        boolean done;

        Task(long due, long order, Runnable runnable) {
            this.due = due;
            this.order = order;
            this.runnable = runnable;
        }

        @Override
        public int compareTo(Task other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(order, other.order);
        }

        @Override
        public boolean cancel() {
            return VirtualTime.this.cancel(this);
        }
    }
}

package io.ipseckeyagent.adapters.inmemory;

import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A clock and a scheduler in one, where time moves only when a test says so: hours of virtual
 * time run in milliseconds, and every run is the same. Tasks run on the caller's thread, one at a
 * time, ordered by due time and then by submission; while a timer runs, {@link #now()} is its due
 * time. Any number of services may share one instance.
 *
 * <p>Where a task waits depends on its delay, so that a fleet's millions of tasks rarely pay for a
 * heap. Tasks queued with one delay fall due in the order they were queued (time never goes back),
 * so each such run is a FIFO ring ("lane"): tasks due now are the lane of delay 0, and a delay seen
 * again soon after (an API server's fixed latency, a deadline of {@code keyRotationDuration}, a
 * Retry-After floor) gets a lane of its own, up to {@value #LANES} of them. Other timers wait in a
 * 4-ary heap, whose slot's four children's keys are 64 adjacent bytes. Every queue keeps (due,
 * submission) side by side in one primitive array beside the task, so no key is boxed. The next task
 * is the earliest head by (due, submission): exactly the order of one queue. A task that cannot be
 * cancelled ({@link #execute}, {@link #runAfterNanos}) is queued as it is; {@link #schedule} wraps
 * it in a {@link Timer}.
 */
public final class VirtualTime implements ClockPort, SchedulerPort {
    /** Where every virtual clock starts unless told otherwise. */
    public static final Instant EPOCH = Instant.parse("2026-11-24T10:00:00Z");
    private static final long DEFAULT_TASK_LIMIT = 50_000_000;
    /** Lanes besides the one of tasks due now: each costs a comparison per task taken. */
    static final int LANES = 6;
    private static final long IN_ORDER = -1;
    private static final int RECENT_DELAYS = 16;

    private final Instant start;
    private Instant now;
    private long nowNanos;
    private long submitted;
    private long ran;
    private int live;

    // lanes[0] holds the tasks due now; the others one delay each (an empty one may be reused), or one
    // caller's sequence (delay IN_ORDER).
    private Lane[] lanes = new Lane[LANES + 1];
    private int laneCount = 1;
    private int delayLanes;
    // Delays that went to the heap lately, by hash: a delay found here again gets a lane.
    private final long[] recentDelays = new long[RECENT_DELAYS];

    // Timers: a 4-ary heap of (due, submission << SLOT_BITS | task slot) at heapKeys[2i] and heapKeys[2i + 1];
    // the children of i are 4i + 1 to 4i + 4. The tasks stay put in heapTask, so a sift moves keys only.
    // A task is a plain Runnable, or a Timer when it can be cancelled.
    private static final int SLOT_BITS = 24;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
    private long[] heapKeys = new long[32];
    private int heapSize;
    private Runnable[] heapTask = new Runnable[0];
    private int[] freeSlot = new int[0];
    private int freeSlots;

    public VirtualTime() {
        this(EPOCH);
    }

    public VirtualTime(Instant start) {
        this.start = start;
        this.now = start;
        this.lanes[0] = new Lane(0);
    }

    @Override
    public synchronized Instant now() {
        if (now == null) {
            now = start.plusNanos(nowNanos);
        }
        return now;
    }

    /** Nanoseconds from the start to now: {@link #now()} without making an {@link Instant}. */
    public synchronized long elapsedNanos() {
        return nowNanos;
    }

    @Override
    public synchronized void execute(Runnable task) {
        queueIn(lanes[0], nowNanos, task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        return scheduleNanos(delay.isNegative() ? 0 : saturated(delay), task);
    }

    /** As {@link #schedule}, {@code delayNanos} from now, for callers that count time in nanoseconds. */
    public synchronized Cancellable scheduleNanos(long delayNanos, Runnable task) {
        Timer timer = new Timer(task);
        queue(delayNanos, timer);
        return timer;
    }

    /** As {@link #scheduleNanos}, for a task nobody cancels: queued as it is, without a {@link Timer}. */
    public synchronized void runAfterNanos(long delayNanos, Runnable task) {
        queue(delayNanos, task);
    }

    private void queue(long delayNanos, Runnable task) {
        long delay = Math.max(0, delayNanos);
        Lane lane = laneFor(delay);
        if (lane != null) {
            queueIn(lane, later(nowNanos, delay), task);
        } else {
            pushTimer(later(nowNanos, delay), task);
        }
    }

    private void queueIn(Lane lane, long due, Runnable task) {
        lane.push(due, submitted++, task);
        live++;
    }

    /** The lane of {@code delay}; none (the heap) for a delay not seen lately, or when every lane is taken. */
    private Lane laneFor(long delay) {
        for (int i = 0; i < laneCount; i++) {
            if (lanes[i].delay == delay) {
                return lanes[i];
            }
        }
        int recent = Long.hashCode(delay * 0x9E3779B97F4A7C15L) & (RECENT_DELAYS - 1);
        if (recentDelays[recent] != delay) {
            recentDelays[recent] = delay;
            return null;
        }
        if (delayLanes < LANES) {
            delayLanes++;
            return addLane(delay);
        }
        for (int i = 1; i < laneCount; i++) {
            if (lanes[i].size == 0 && lanes[i].delay != IN_ORDER) {
                lanes[i].delay = delay; // empty: any delay's tasks keep it in order
                return lanes[i];
            }
        }
        return null;
    }

    private Lane addLane(long delay) {
        if (laneCount == lanes.length) {
            lanes = Arrays.copyOf(lanes, 2 * laneCount);
        }
        lanes[laneCount] = new Lane(delay);
        return lanes[laneCount++];
    }

    /**
     * A stream of tasks whose due times never go back (a server's writes, committed one after
     * another): they wait in a ring of their own rather than in the heap, and run in the same order
     * as any other task by (due, submission).
     */
    public synchronized InOrder inOrder() {
        return new InOrder(addLane(IN_ORDER));
    }

    /** Tasks queued in the order they fall due; see {@link #inOrder()}. */
    public final class InOrder {
        private final Lane lane;

        private InOrder(Lane lane) {
            this.lane = lane;
        }

        /** As {@link VirtualTime#runAfterNanos}; fails when this task would fall due before the last one queued here. */
        public void runAfterNanos(long delayNanos, Runnable task) {
            synchronized (VirtualTime.this) {
                long due = later(nowNanos, Math.max(0, delayNanos));
                if (lane.size > 0 && due < lane.tailDue()) {
                    throw new IllegalArgumentException("due at " + due + " ns, before the last task queued in order ("
                            + lane.tailDue() + " ns)");
                }
                queueIn(lane, due, task);
            }
        }
    }

    /** Moves time forward by {@code duration}, running every task that falls due on the way, in order. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("virtual time only moves forward");
        }
        long target;
        synchronized (this) {
            target = later(nowNanos, saturated(duration));
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

    private void runWhileDueBy(long limit, long maxTasks) {
        long budget = maxTasks;
        for (Runnable task = nextDueBy(limit); task != null; task = nextDueBy(limit)) {
            if (budget-- == 0) {
                throw new IllegalStateException("still busy after " + maxTasks + " tasks, at " + now());
            }
            task.run();
        }
    }

    /** Takes the next live task due by {@code limit} and moves the clock to its due time. */
    private synchronized Runnable nextDueBy(long limit) {
        while (true) {
            // The earliest head by (due, submission): the heap's (-1) or a lane's.
            int source = heapSize > 0 ? -1 : -2;
            long due = heapSize > 0 ? heapKeys[0] : Long.MAX_VALUE;
            long order = heapSize > 0 ? heapKeys[1] >>> SLOT_BITS : Long.MAX_VALUE;
            for (int i = 0; i < laneCount; i++) {
                Lane lane = lanes[i];
                if (lane.size > 0 && (source == -2 || before(lane.headDue(), lane.headOrder(), due, order))) {
                    source = i;
                    due = lane.headDue();
                    order = lane.headOrder();
                }
            }
            if (source == -2 || due > limit) {
                return null;
            }
            Runnable task = source == -1 ? popTimer() : lanes[source].pop();
            if (task instanceof Timer timer && !timer.take()) {
                continue; // cancelled: left in the queue and skipped, so cancelling stays O(1)
            }
            live--;
            ran++;
            if (due > nowNanos) {
                moveTo(due);
            }
            return task;
        }
    }

    private void pushTimer(long due, Runnable task) {
        live++;
        if (heapSize == heapKeys.length / 2) {
            heapKeys = Arrays.copyOf(heapKeys, 4 * heapSize);
        }
        long key = submitted++ << SLOT_BITS | park(task);
        int slot = heapSize++;
        while (slot > 0) {
            int parent = (slot - 1) >>> 2;
            if (!before(due, key, heapKeys[2 * parent], heapKeys[2 * parent + 1])) {
                break;
            }
            heapKeys[2 * slot] = heapKeys[2 * parent];
            heapKeys[2 * slot + 1] = heapKeys[2 * parent + 1];
            slot = parent;
        }
        heapKeys[2 * slot] = due;
        heapKeys[2 * slot + 1] = key;
    }

    private Runnable popTimer() {
        Runnable first = unpark((int) (heapKeys[1] & SLOT_MASK));
        int last = --heapSize;
        long due = heapKeys[2 * last];
        long key = heapKeys[2 * last + 1];
        if (last > 0) {
            int slot = 0;
            for (int child = 1; child < last; child = 4 * slot + 1) {
                int earliest = child;
                for (int sibling = child + 1; sibling < Math.min(child + 4, last); sibling++) {
                    if (before(heapKeys[2 * sibling], heapKeys[2 * sibling + 1], heapKeys[2 * earliest],
                            heapKeys[2 * earliest + 1])) {
                        earliest = sibling;
                    }
                }
                if (!before(heapKeys[2 * earliest], heapKeys[2 * earliest + 1], due, key)) {
                    break;
                }
                heapKeys[2 * slot] = heapKeys[2 * earliest];
                heapKeys[2 * slot + 1] = heapKeys[2 * earliest + 1];
                slot = earliest;
            }
            heapKeys[2 * slot] = due;
            heapKeys[2 * slot + 1] = key;
        }
        return first;
    }

    /** Keeps a timer's task in a free slot of the task table; returns the slot. */
    private int park(Runnable task) {
        if (freeSlots == 0) {
            int size = heapTask.length;
            if (size > SLOT_MASK) {
                throw new IllegalStateException("more than " + (SLOT_MASK + 1) + " timers waiting at once");
            }
            int grown = Math.max(16, 2 * size);
            heapTask = Arrays.copyOf(heapTask, grown);
            freeSlot = Arrays.copyOf(freeSlot, grown);
            for (int i = grown - 1; i >= size; i--) {
                freeSlot[freeSlots++] = i;
            }
        }
        int slot = freeSlot[--freeSlots];
        heapTask[slot] = task;
        return slot;
    }

    private Runnable unpark(int slot) {
        Runnable task = heapTask[slot];
        heapTask[slot] = null;
        freeSlot[freeSlots++] = slot;
        return task;
    }

    private static boolean before(long due, long order, long otherDue, long otherOrder) {
        return due < otherDue || due == otherDue && order < otherOrder;
    }

    /** The duration in nanoseconds, saturating: a timer centuries away simply never comes. */
    private static long saturated(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooFar) {
            return Long.MAX_VALUE;
        }
    }

    private static long later(long nanos, long delay) {
        long sum = nanos + delay;
        return sum < nanos ? Long.MAX_VALUE : sum;
    }

    private void moveTo(long nanos) {
        if (nanos != nowNanos) { // tasks due at the same instant share one Instant
            nowNanos = nanos;
            now = null; // made when asked for: many steps of time are never looked at
        }
    }

    private synchronized boolean cancel(Timer timer) {
        if (timer.state != Timer.PENDING) {
            return false;
        }
        timer.state = Timer.CANCELLED;
        live--;
        return true;
    }

    /** Tasks queued with one delay, so in (due, submission) order: a ring from head, size long. */
    private static final class Lane {
        long delay;
        long[] keys = new long[32];
        Runnable[] tasks = new Runnable[16];
        int head;
        int size;

        Lane(long delay) {
            this.delay = delay;
        }

        long headDue() {
            return keys[2 * head];
        }

        long headOrder() {
            return keys[2 * head + 1];
        }

        long tailDue() {
            return keys[2 * ((head + size - 1) & (tasks.length - 1))];
        }

        void push(long due, long order, Runnable task) {
            if (size == tasks.length) {
                grow();
            }
            int slot = (head + size) & (tasks.length - 1);
            keys[2 * slot] = due;
            keys[2 * slot + 1] = order;
            tasks[slot] = task;
            size++;
        }

        Runnable pop() {
            Runnable task = tasks[head];
            tasks[head] = null;
            head = (head + 1) & (tasks.length - 1);
            size--;
            return task;
        }

        private void grow() {
            int capacity = tasks.length * 2;
            long[] grownKeys = new long[2 * capacity];
            Runnable[] grownTasks = new Runnable[capacity];
            for (int i = 0; i < size; i++) {
                int slot = (head + i) & (tasks.length - 1);
                grownKeys[2 * i] = keys[2 * slot];
                grownKeys[2 * i + 1] = keys[2 * slot + 1];
                grownTasks[i] = tasks[slot];
            }
            keys = grownKeys;
            tasks = grownTasks;
            head = 0;
        }
    }

    /** A task that can be cancelled before it runs. */
    private final class Timer implements Runnable, Cancellable {
        static final byte PENDING = 0;
        static final byte DONE = 1;
        static final byte CANCELLED = 2;

        final Runnable runnable;
        byte state = PENDING;

        Timer(Runnable runnable) {
            this.runnable = runnable;
        }

        /** Marks it done; false when it was cancelled. */
        boolean take() {
            if (state == CANCELLED) {
                return false;
            }
            state = DONE;
            return true;
        }

        @Override
        public void run() {
            runnable.run();
        }

        @Override
        public boolean cancel() {
            return VirtualTime.this.cancel(this);
        }
    }
}

package io.ipseckeyagent.adapters.runtime;

import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.RandomSourcePort;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import java.time.Duration;
import java.util.function.Consumer;

/** The real clock, real randomness and the agent's one thread: the runtime adapters' only entry. */
public final class RuntimeAdapters {
    private RuntimeAdapters() {}

    /** A scheduler that owns its thread: the one who made it shuts it down. */
    public interface OwnedScheduler extends SchedulerPort, AutoCloseable {
        /** Stops taking work; waits up to {@code timeout} for the running task to end. */
        boolean shutdown(Duration timeout) throws InterruptedException;

        /** Stops at once; queued tasks are dropped. */
        @Override
        void close();
    }

    /** The system's UTC clock. */
    public static ClockPort systemClock() {
        return new SystemClock();
    }

    /** Per-thread, non-cryptographic randomness: a delay needs independence between nodes, not secrecy. */
    public static RandomSourcePort threadLocalRandom() {
        return new ThreadLocalRandomSource();
    }

    /** One daemon thread named {@code threadName}; a task that throws is a bug, given to {@code onBug}. */
    public static OwnedScheduler serialScheduler(String threadName, Consumer<Throwable> onBug) {
        return new SerialScheduler(threadName, onBug);
    }
}

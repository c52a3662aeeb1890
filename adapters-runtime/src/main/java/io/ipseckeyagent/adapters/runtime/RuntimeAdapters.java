package io.ipseckeyagent.adapters.runtime;

import io.ipseckeyagent.application.port.out.ClockPort;
import io.ipseckeyagent.application.port.out.RandomSourcePort;
import io.ipseckeyagent.application.port.out.SchedulerPort;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The real clock, real randomness, the agent's one thread, its start-stop order and the process's stop signal: the runtime adapters' only entry. */
public final class RuntimeAdapters {
    private RuntimeAdapters() {}

    /** A scheduler that owns its thread: the one who made it shuts it down. */
    public interface OwnedScheduler extends SchedulerPort, AutoCloseable {
        /** Stops taking work; waits up to {@code timeout} for the running task to end. */
        boolean shutdown(Duration timeout) throws InterruptedException;

        /**
         * Returns once this thread has run everything queued so far (true), or after {@code bound}
         * (false); at once when shut down.
         */
        boolean awaitIdle(Duration bound) throws InterruptedException;

        /** Stops at once; queued tasks are dropped. */
        @Override
        void close();
    }

    /**
     * Parts started in order and stopped in reverse, the last started first. A stop may come at any
     * point of a start; a part that fails to stop is logged and the others are still stopped.
     */
    public interface Lifecycle {
        /** Records a started part; if a stop came meanwhile, stops it at once and returns false. */
        boolean started(String part, AutoCloseable stop);

        /** Stops every part started so far, then logs {@code stoppedMessage}; true if this call did the stopping. */
        boolean stop();

        /** Returns once {@link #stop()} has finished. */
        void awaitStopped() throws InterruptedException;
    }

    /** How the process asks a running agent to stop: SIGTERM or SIGINT in production, a test's own call in tests. */
    @FunctionalInterface
    public interface ShutdownSignal {
        /**
         * Arranges for {@code stop} to run when the process is asked to stop. {@code stop} returns true
         * if it stopped a running agent, false if the agent had already stopped.
         */
        void onShutdown(BooleanSupplier stop);
    }

    /**
     * A JVM shutdown hook (SIGTERM, SIGINT): stops the agent, at most {@code stopBound}, then ends
     * the process with exit code 0, as an orderly stop should (the JVM would report 143 for SIGTERM).
     * When the agent had already stopped (a failed start exits with its own code), it does nothing.
     */
    public static ShutdownSignal jvmShutdownHook(String threadName, Duration stopBound) {
        return new JvmShutdownHook(threadName, stopBound);
    }

    /** An empty lifecycle; its stop logs {@code stoppedMessage} and how long it took. */
    public static Lifecycle lifecycle(String stoppedMessage) {
        return new OrderedParts(stoppedMessage);
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

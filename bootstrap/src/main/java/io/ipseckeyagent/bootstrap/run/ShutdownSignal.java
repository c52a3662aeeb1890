package io.ipseckeyagent.bootstrap.run;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/** How the process asks a running agent to stop: SIGTERM or SIGINT in production, a test's own call in tests. */
@FunctionalInterface
public interface ShutdownSignal {
    /** The most a stop may take before the process exits anyway. */
    Duration STOP_BOUND = Duration.ofMillis(4500);

    /**
     * Arranges for {@code stop} to run when the process is asked to stop. {@code stop} returns true
     * if it stopped a running agent, false if the agent had already stopped.
     */
    void onShutdown(BooleanSupplier stop);

    /**
     * A JVM shutdown hook (SIGTERM, SIGINT): stops the agent, at most {@link #STOP_BOUND}, then ends
     * the process with exit code 0, as an orderly stop should (the JVM would report 143 for SIGTERM).
     * When the agent had already stopped (a failed start exits with its own code), it does nothing.
     */
    ShutdownSignal JVM = stop -> Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        AtomicBoolean stoppedByUs = new AtomicBoolean(true); // a stop that overruns the bound counts as ours
        Thread stopper = new Thread(() -> stoppedByUs.set(stop.getAsBoolean()), "ipsec-key-agent-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(STOP_BOUND.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stoppedByUs.get()) {
            Runtime.getRuntime().halt(0);
        }
    }, "ipsec-key-agent-shutdown"));
}

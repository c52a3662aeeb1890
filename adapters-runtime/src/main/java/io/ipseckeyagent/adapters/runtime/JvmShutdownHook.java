package io.ipseckeyagent.adapters.runtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/** SIGTERM and SIGINT, through the JVM's shutdown hooks; the stop runs on a thread of its own so that it can be bounded. */
record JvmShutdownHook(String threadName, Duration stopBound) implements RuntimeAdapters.ShutdownSignal {
    @Override
    public void onShutdown(BooleanSupplier stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            AtomicBoolean stoppedByUs = new AtomicBoolean(true); // a stop that overruns the bound counts as ours
            Thread stopper = new Thread(() -> stoppedByUs.set(stop.getAsBoolean()), threadName + "-stop");
            stopper.setDaemon(true);
            stopper.start();
            try {
                stopper.join(stopBound.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (stoppedByUs.get()) {
                Runtime.getRuntime().halt(0);
            }
        }, threadName + "-shutdown"));
    }
}

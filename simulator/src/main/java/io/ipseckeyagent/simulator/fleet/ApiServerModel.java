package io.ipseckeyagent.simulator.fleet;

import java.time.Duration;

/**
 * How the simulated API server treats CiliumNode writes: it commits at most {@code writesPerSecond},
 * one after another; a write that finds {@code queueLimit} writes already waiting is answered 429
 * with {@code retryAfter} (kube-apiserver's priority and fairness answers 429 with Retry-After: 1);
 * every answer reaches the agent {@code latency} after the commit or the rejection.
 */
public record ApiServerModel(int writesPerSecond, int queueLimit, Duration latency, Duration retryAfter) {

    public static ApiServerModel defaults() {
        return new ApiServerModel(1_000, 2_000, Duration.ofMillis(20), Duration.ofSeconds(1));
    }

    /** The time one write holds the server. */
    Duration serviceTime() {
        return Duration.ofNanos(1_000_000_000L / writesPerSecond);
    }
}

package io.ipseckeyagent.simulator.fleet;

import io.ipseckeyagent.domain.jitter.JitterSettings;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.time.Duration;

/**
 * What is simulated: the fleet, the agents' settings (the agent's own flags), how late each node
 * sees the new Secret, and the API server.
 *
 * @param detectionSkew each node sees the changed Secret at a uniform instant in [0, detectionSkew)
 *     after it changed (kubelet's sync, the key file poll)
 * @param sampledObservers how many agents get every watch event through their remote-node use case;
 *     the others' watch events are counted, not delivered
 * @param jitterMax the fixed maximum of {@code uniform}, {@code node-hash} and {@code rank} (the proposal's half window)
 * @param targetRate {@code auto}'s writes per second for the whole fleet
 * @param secretPropagation what the agents' cap reserves for kubelet's Secret propagation
 */
public record FleetModel(int nodes, long seed, Duration rotationDuration, Duration jitterMax, Duration pollInterval,
        Duration publishBudget, Duration detectionSkew, ApiServerModel api, int sampledObservers, double targetRate,
        Duration secretPropagation) {

    public static final int DEFAULT_NODES = 5_000;

    /** 5,000 nodes and the agent's defaults: 5m window, 2m30s fixed jitter, 5s poll (and skew), 30s publish budget, auto at 20/s. */
    public static FleetModel defaults() {
        JitterSettings agent = JitterSettings.defaults();
        return new FleetModel(DEFAULT_NODES, 1, agent.keyRotationDuration(), agent.keyRotationDuration().dividedBy(2),
                agent.pollInterval(), agent.publishBudget(), agent.pollInterval(), ApiServerModel.defaults(), 10,
                agent.targetRate(), agent.reserve().secretPropagation());
    }

    public FleetModel withNodes(int count) {
        return new FleetModel(count, seed, rotationDuration, jitterMax, pollInterval, publishBudget, detectionSkew, api,
                sampledObservers, targetRate, secretPropagation);
    }

    public FleetModel withSeed(long value) {
        return new FleetModel(nodes, value, rotationDuration, jitterMax, pollInterval, publishBudget, detectionSkew, api,
                sampledObservers, targetRate, secretPropagation);
    }

    public FleetModel withDetectionSkew(Duration skew) {
        return new FleetModel(nodes, seed, rotationDuration, jitterMax, pollInterval, publishBudget, skew, api,
                sampledObservers, targetRate, secretPropagation);
    }

    public FleetModel withApi(ApiServerModel server) {
        return new FleetModel(nodes, seed, rotationDuration, jitterMax, pollInterval, publishBudget, detectionSkew, server,
                sampledObservers, targetRate, secretPropagation);
    }

    public FleetModel withSampledObservers(int count) {
        return new FleetModel(nodes, seed, rotationDuration, jitterMax, pollInterval, publishBudget, detectionSkew, api,
                count, targetRate, secretPropagation);
    }

    public FleetModel withTargetRate(double rate) {
        return new FleetModel(nodes, seed, rotationDuration, jitterMax, pollInterval, publishBudget, detectionSkew, api,
                sampledObservers, rate, secretPropagation);
    }

    /** As {@link #jitter()}, for the advisor's look at what a setting draws in another cluster size. */
    public JitterSettings jitterForAdvice() {
        return jitter();
    }

    /** The agents' jitter settings with the fixed maximum; a {@link Scenario} adapts them. */
    JitterSettings jitter() {
        return JitterSettings.of(true, rotationDuration, io.vavr.control.Option.some(jitterMax), pollInterval, publishBudget)
                .withTargetRate(targetRate).withSecretPropagation(secretPropagation);
    }

    /** Everything wrong with this model, each naming its option; empty when it can run. */
    public Seq<String> problems() {
        List<String> problems = List.empty();
        if (nodes < 2) {
            problems = problems.append("--nodes must be at least 2, was " + nodes);
        }
        if (detectionSkew.isNegative()) {
            problems = problems.append("--detection-skew must not be negative");
        }
        if (api.writesPerSecond() < 1 || api.writesPerSecond() > 1_000_000_000) {
            problems = problems.append("--api-writes-per-second must be from 1 to 1000000000, was " + api.writesPerSecond());
        }
        if (api.queueLimit() < 0) {
            problems = problems.append("--api-queue-limit must not be negative, was " + api.queueLimit());
        }
        if (api.latency().isNegative() || api.retryAfter().isNegative()) {
            problems = problems.append("--api-latency and --api-retry-after must not be negative");
        }
        if (sampledObservers < 0) {
            problems = problems.append("--observers must not be negative, was " + sampledObservers);
        }
        if (!(targetRate > 0) || Double.isInfinite(targetRate)) {
            problems = problems.append("--target-rate must be a positive number, was " + targetRate);
        }
        if (secretPropagation.isNegative()) {
            problems = problems.append("--secret-propagation must not be negative");
        }
        return problems.appendAll(jitter().resolve().fold(errors -> errors, effective -> List.empty()));
    }
}

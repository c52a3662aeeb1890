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
 */
public record FleetModel(int nodes, long seed, Duration rotationDuration, Duration jitterMax, Duration pollInterval,
        Duration publishBudget, Duration detectionSkew, ApiServerModel api, int sampledObservers) {

    public static final int DEFAULT_NODES = 5_000;

    /** 5,000 nodes and the agent's defaults: 5m window, 2m30s jitter, 5s poll (and skew), 30s publish budget. */
    public static FleetModel defaults() {
        JitterSettings agent = JitterSettings.defaults();
        return new FleetModel(DEFAULT_NODES, 1, agent.keyRotationDuration(), agent.jitterMax(), agent.pollInterval(),
                agent.publishBudget(), agent.pollInterval(), ApiServerModel.defaults(), 10);
    }

    public FleetModel withNodes(int count) {
        return new FleetModel(count, seed, rotationDuration, jitterMax, pollInterval, publishBudget, detectionSkew, api,
                sampledObservers);
    }

    public FleetModel withSeed(long value) {
        return new FleetModel(nodes, value, rotationDuration, jitterMax, pollInterval, publishBudget, detectionSkew, api,
                sampledObservers);
    }

    public FleetModel withDetectionSkew(Duration skew) {
        return new FleetModel(nodes, seed, rotationDuration, jitterMax, pollInterval, publishBudget, skew, api,
                sampledObservers);
    }

    public FleetModel withApi(ApiServerModel server) {
        return new FleetModel(nodes, seed, rotationDuration, jitterMax, pollInterval, publishBudget, detectionSkew, server,
                sampledObservers);
    }

    public FleetModel withSampledObservers(int count) {
        return new FleetModel(nodes, seed, rotationDuration, jitterMax, pollInterval, publishBudget, detectionSkew, api,
                count);
    }

    /** The agents' jitter settings, on or off. */
    JitterSettings jitter(boolean enabled) {
        return new JitterSettings(enabled, rotationDuration, jitterMax, pollInterval, publishBudget);
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
        return problems.appendAll(jitter(true).resolve().fold(errors -> errors, effective -> List.empty()));
    }
}

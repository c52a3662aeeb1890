package io.ipseckeyagent.simulator.fleet;

import io.vavr.control.Option;
import java.time.Duration;

/**
 * What one scenario did to the API server and to the deadlines.
 *
 * @param jitterMax the effective jitter maximum the agents drew from (zero without jitter)
 * @param publishedNodes CiliumNodes carrying the new SPI at the end
 * @param writes committed CiliumNode writes; {@code requests} every write request, rejected ones too
 * @param peakWatchEventsPerSecond watch events the peak second's writes fan out to the other n - 1 agents
 * @param allPublishedAfter from the Secret change until the last node published; none if some never did
 * @param nodeUpdated "Node updated" events reported by each sampled agent: fewest and most
 */
public record ScenarioResult(Scenario scenario, int nodes, Duration jitterMax, long publishedNodes, Rate writes,
        Rate requests, long tooManyRequests, long serverErrors, long failedAttempts, long peakWatchEventsPerSecond,
        long watchEvents, Option<Duration> allPublishedAfter, Duration longestDetectionToPublish,
        long adoptionsOverdue, SampledObservers nodeUpdated) {

    /** Every node carries the new key, and none was late. */
    public boolean everyNodeInTime() {
        return publishedNodes == nodes && adoptionsOverdue == 0 && allPublishedAfter.isDefined();
    }

    /** How many agents received every watch event, and the fewest and most "Node updated" events one of them reported. */
    public record SampledObservers(int agents, long fewest, long most) {}
}

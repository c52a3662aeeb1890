package io.ipseckeyagent.simulator.fleet;

import io.ipseckeyagent.simulator.series.Series;
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
 * @param adoptionSpread from the first node's publish to the last's; none if some never did
 * @param shortfall for {@code auto}: why the window cannot hold the fleet at the target rate, if it cannot
 * @param adoptionP50 half the nodes published within this of the Secret change; {@code adoptionP99} 99 %
 * @param nodeUpdated "Node updated" events reported by each sampled agent: fewest and most
 * @param series second by second: write requests, watch events, adopted nodes
 */
public record ScenarioResult(Scenario scenario, int nodes, Duration jitterMax, long publishedNodes, Rate writes,
        Rate requests, long tooManyRequests, long serverErrors, long failedAttempts, long peakWatchEventsPerSecond,
        long watchEvents, Option<Duration> allPublishedAfter, Duration longestDetectionToPublish,
        long adoptionsOverdue, Option<Duration> adoptionSpread, Duration rotationDuration, Option<String> shortfall,
        Duration adoptionP50, Duration adoptionP99, SampledObservers nodeUpdated, Series series) {

    /** Every node carries the new key, none was late, and the last adopted within the window of the first. */
    public boolean everyNodeInTime() {
        return publishedNodes == nodes && adoptionsOverdue == 0 && allPublishedAfter.isDefined() && spreadInsideWindow();
    }

    /** From the first node's adoption to the last's, within {@code rotationDuration}: the fleet-wide invariant. */
    public boolean spreadInsideWindow() {
        return adoptionSpread.exists(spread -> spread.compareTo(rotationDuration) <= 0);
    }

    /** How many agents received every watch event, and the fewest and most "Node updated" events one of them reported. */
    public record SampledObservers(int agents, long fewest, long most) {}
}

package io.ipseckeyagent.simulator.demo;

import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.simulator.series.Series;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * One rotation of the demo, as the API server and the agents saw it. Per-second series start when
 * the Secret changed.
 *
 * @param patchesPerNode PATCH requests the server received for each node's CiliumNode
 * @param nodeUpdated "Node updated" events for the new SPI, over all agents
 * @param allPublishedAfter until the last agent reported its publish; none if some never did
 * @param nodesCarryingNewSpi CiliumNodes that carry the new SPI, read back from the server afterwards
 * @param adoptedPerSecond agents that reported the new SPI published (or, in relay mode, adopted) in each second
 */
public record RotationResult(String jitter, Duration jitterMax, Spi from, Spi to, int[] patchesPerSecond,
        Map<String, Integer> patchesPerNode, int[] nodeUpdatedPerSecond, Option<Duration> allPublishedAfter,
        int nodesCarryingNewSpi, int[] adoptedPerSecond) {

    public int patches() {
        return Arrays.stream(patchesPerSecond).sum();
    }

    /** PATCHes in the busiest whole second. */
    public int peakPatchesPerSecond() {
        return Arrays.stream(patchesPerSecond).max().orElse(0);
    }

    public int nodeUpdated() {
        return Arrays.stream(nodeUpdatedPerSecond).sum();
    }

    public int peakNodeUpdatedPerSecond() {
        return Arrays.stream(nodeUpdatedPerSecond).max().orElse(0);
    }

    /** Second by second: the PATCHes the server received, the watch events the agents got ("Node updated"), adoptions. */
    public Series series() {
        return Series.of(jitter, patchesPerSecond, Series.times(nodeUpdatedPerSecond, 1), adoptedPerSecond);
    }
}

package io.ipseckeyagent.domain.jitter;

import io.ipseckeyagent.domain.time.GoDuration;
import java.time.Duration;

/**
 * What the safety cap keeps out of the rotation window so that the whole fleet adopts within
 * {@code keyRotationDuration} of the first node's adoption: the node that sees the Secret last sees
 * it up to {@code secretPropagation + pollInterval} after the first, may wait the whole jitter,
 * then needs the publish budget; in relay mode Cilium adds its watcher's poll and its own jitter.
 *
 * @param secretPropagation how much later kubelet may project the Secret into one pod than another
 * @param ciliumPollInterval relay mode: Cilium's key file watcher polls this often (5s); zero otherwise
 * @param ciliumJitter relay mode: Cilium's own jitter before loading ({@code keyRotationDuration / 10}
 *     in releases that have it, zero before); zero otherwise
 */
public record JitterReserve(Duration pollInterval, Duration publishBudget, Duration secretPropagation,
        Duration ciliumPollInterval, Duration ciliumJitter) {

    public Duration total() {
        return pollInterval.plus(publishBudget).plus(secretPropagation).plus(ciliumPollInterval).plus(ciliumJitter);
    }

    /** The sum and its parts, for messages. */
    public String describe(JitterSettings.Terms terms) {
        String relay = ciliumPollInterval.isZero() && ciliumJitter.isZero() ? ""
                : " + Cilium's watcher poll (" + GoDuration.format(ciliumPollInterval) + ") + Cilium's jitter ("
                        + GoDuration.format(ciliumJitter) + ")";
        return GoDuration.format(total()) + " = " + terms.pollInterval() + " (" + GoDuration.format(pollInterval)
                + ") + the publish budget (" + GoDuration.format(publishBudget) + ") + the Secret propagation budget ("
                + GoDuration.format(secretPropagation) + ")" + relay;
    }
}

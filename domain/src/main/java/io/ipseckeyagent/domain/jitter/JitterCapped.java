package io.ipseckeyagent.domain.jitter;

import java.time.Duration;

/**
 * A warning: the configured {@code jitterMax} did not fit in the rotation window, so the smaller
 * {@code available} span is used instead.
 */
public record JitterCapped(Duration jitterMax, Duration available, Duration keyRotationDuration,
        Duration pollInterval, Duration publishBudget) {

    public String message() {
        return "jitterMax " + DurationText.of(jitterMax) + " does not fit in keyRotationDuration "
                + DurationText.of(keyRotationDuration) + " after the poll interval " + DurationText.of(pollInterval)
                + " and the publish budget " + DurationText.of(publishBudget) + "; using "
                + DurationText.of(available) + " instead";
    }
}

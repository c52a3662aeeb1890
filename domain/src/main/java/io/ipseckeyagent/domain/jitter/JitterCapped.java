package io.ipseckeyagent.domain.jitter;

import io.ipseckeyagent.domain.time.GoDuration;
import java.time.Duration;

/**
 * A warning: the configured {@code jitterMax} did not fit in the rotation window, so the smaller
 * {@code available} span is used instead.
 */
public record JitterCapped(Duration jitterMax, Duration available, Duration keyRotationDuration, JitterReserve reserve) {

    /** The warning in the domain's own words. */
    public String message() {
        return message(JitterSettings.Terms.DOMAIN);
    }

    /** The warning, naming the inputs as the caller's operators know them (flags, Helm values). */
    public String message(JitterSettings.Terms terms) {
        return GoDuration.format(jitterMax) + " is capped at " + GoDuration.format(available) + " = "
                + terms.keyRotationDuration() + " (" + GoDuration.format(keyRotationDuration) + ") - "
                + reserve.describe(terms) + ", so every node adopts within the rotation window of the first";
    }
}

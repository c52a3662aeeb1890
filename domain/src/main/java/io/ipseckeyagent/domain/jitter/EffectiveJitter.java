package io.ipseckeyagent.domain.jitter;

import io.vavr.control.Option;
import java.time.Duration;

/**
 * The jitter the agent really uses: the largest delay it may draw ({@code max}, zero when jitter is
 * off) and the window every rotation must finish in. {@code capped} says when {@code jitterMax} was
 * cut down to fit that window.
 */
public record EffectiveJitter(boolean enabled, Duration max, Duration keyRotationDuration, Option<JitterCapped> capped) {

    public EffectiveJitter {
        if (max.isNegative() || max.compareTo(keyRotationDuration) >= 0) {
            throw new IllegalArgumentException("jitter max must lie in [0, keyRotationDuration)");
        }
    }
}

package io.ipseckeyagent.domain.rotation;

import java.time.Duration;
import java.time.Instant;

/**
 * The window of one rotation: a change first detected at {@code detectedAt} must be applied and
 * published by {@code due} ({@code detectedAt + keyRotationDuration}), before peers drop the old key.
 */
public record Deadline(Instant detectedAt, Instant due) {

    public static Deadline of(Instant detectedAt, Duration keyRotationDuration) {
        return new Deadline(detectedAt, detectedAt.plus(keyRotationDuration));
    }

    public boolean isOverdue(Instant now) {
        return !now.isBefore(due);
    }

    /**
     * How much of the jitter {@code max} is left at {@code now}: a rotation that starts late (after a
     * publish that was still running) draws over what remains, so it still loads by detectedAt + max.
     */
    public Duration jitterLeft(Duration max, Instant now) {
        Duration left = max.minus(Duration.between(detectedAt, now));
        return left.isNegative() ? Duration.ZERO : left.compareTo(max) > 0 ? max : left;
    }
}

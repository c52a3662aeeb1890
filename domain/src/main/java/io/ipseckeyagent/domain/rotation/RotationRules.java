package io.ipseckeyagent.domain.rotation;

import io.ipseckeyagent.domain.jitter.EffectiveJitter;
import java.time.Duration;
import java.util.Objects;

/**
 * How the machine runs its rotations, besides the jitter.
 *
 * @param settle how long the key file must be quiet before it is loaded, so a burst of changes is one load
 * @param startMode what a start does with a changed file
 * @param coalesce a change seen during a rotation joins it (this agent); false gives each change its own
 *     jitter wait and load after the rotation under way, one after another, as Cilium main does
 *     ({@link io.ipseckeyagent.domain.jitter.JitterPolicy#coalesces()})
 */
public record RotationRules(EffectiveJitter jitter, Duration settle, StartMode startMode, boolean coalesce) {

    /** Kubelet replaces a Secret volume with one rename; a second covers a burst of quick edits. */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(1);

    public RotationRules {
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(startMode, "startMode");
        if (settle.isNegative()) {
            throw new IllegalArgumentException("the settle interval must not be negative, was " + settle);
        }
    }

    /** Changes during a rotation join it. */
    public RotationRules(EffectiveJitter jitter, Duration settle, StartMode startMode) {
        this(jitter, settle, startMode, true);
    }

    public static RotationRules of(EffectiveJitter jitter) {
        return new RotationRules(jitter, DEFAULT_SETTLE, StartMode.PUBLISH);
    }
}

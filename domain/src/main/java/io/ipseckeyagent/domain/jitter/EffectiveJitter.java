package io.ipseckeyagent.domain.jitter;

import io.vavr.control.Option;
import java.time.Duration;

/**
 * The jitter the agent really uses: the largest delay it may ever draw ({@code max}, zero when jitter
 * is off), the window every rotation must finish in, and how each draw's maximum is derived
 * ({@link #bound}). {@code capped} says when a fixed {@code jitterMax} was cut down to the cap;
 * {@code shortWindow} when the window is shorter than what the cap reserves.
 *
 * @param cap the safety cap: keyRotationDuration minus the reserve, never negative
 */
public record EffectiveJitter(boolean enabled, Duration max, Duration keyRotationDuration, Option<JitterCapped> capped,
        JitterMaximum maximum, double targetRate, Duration cap, JitterReserve reserve, Option<String> shortWindow) {

    public EffectiveJitter {
        if (max.isNegative() || max.compareTo(keyRotationDuration) >= 0) {
            throw new IllegalArgumentException("jitter max must lie in [0, keyRotationDuration)");
        }
    }

    /** A fixed maximum with nothing reserved: for tests of the machine, which only reads {@code max} and the window. */
    public EffectiveJitter(boolean enabled, Duration max, Duration keyRotationDuration, Option<JitterCapped> capped) {
        this(enabled, max, keyRotationDuration, capped, new JitterMaximum.Fixed(max), JitterSettings.DEFAULT_TARGET_RATE,
                max, new JitterReserve(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO),
                Option.none());
    }

    /**
     * The maximum for one draw, given the N CiliumNodes the agent knows (0: no list yet, use the cap):
     * {@code auto} gives min(N / targetRate, cap); a fixed or Cilium maximum does not depend on N.
     */
    public JitterBound bound(int knownNodes) {
        Duration drawMax = !enabled ? Duration.ZERO : switch (maximum) {
            case JitterMaximum.Auto auto -> knownNodes == 0 ? max : min(perRate(knownNodes), max);
            case JitterMaximum.Fixed fixed -> max;
            case JitterMaximum.TenthOfWindow tenth -> max;
        };
        return new JitterBound(enabled ? maximum.describe() : "off", drawMax, knownNodes, targetRate, cap, reserve.total());
    }

    private Duration perRate(int nodes) {
        return Duration.ofMillis((long) Math.ceil(nodes * 1000.0 / targetRate));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

package io.ipseckeyagent.bootstrap.config;

import io.ipseckeyagent.domain.jitter.EffectiveJitter;
import io.ipseckeyagent.domain.jitter.JitterSettings;
import io.vavr.control.Option;
import java.time.Duration;

/**
 * The effective-jitter rule as the resolver words it. The rule itself is the domain's
 * ({@link JitterSettings#resolve()}), so the configuration and the core cannot disagree; this class
 * only sorts its answer into the three cases the resolver explains.
 */
final class JitterBudget {
    /** Time kept back for publishing (and its retries) inside the rotation window. */
    static final Duration PUBLISH_BUDGET = JitterSettings.DEFAULT_PUBLISH_BUDGET;

    private JitterBudget() {}

    /** What the rule makes of a requested maximum. */
    sealed interface Outcome {}

    /** The requested maximum fits in the window. */
    record Fits(Duration effectiveMax) implements Outcome {}

    /** The requested maximum was lowered to what the window leaves. */
    record Capped(Duration requested, Duration effectiveMax) implements Outcome {}

    /** The window leaves no time for any jitter. */
    record NothingLeft() implements Outcome {}

    /**
     * effective max = min(jitterMax, rotation - poll interval - publish budget), if that is positive.
     * The inputs are already checked (positive window and poll, non-negative maximum).
     */
    static Outcome effectiveMax(Duration rotation, Duration jitterMax, Duration pollInterval) {
        return JitterSettings.of(true, rotation, Option.some(jitterMax), pollInterval, PUBLISH_BUDGET)
                .resolve()
                .fold(noRoom -> new NothingLeft(), JitterBudget::outcome);
    }

    private static Outcome outcome(EffectiveJitter effective) {
        return effective.capped()
                .<Outcome>map(capped -> new Capped(capped.jitterMax(), capped.available()))
                .getOrElse(() -> new Fits(effective.max()));
    }
}

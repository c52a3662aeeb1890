package io.ipseckeyagent.bootstrap.config;

import java.time.Duration;

/**
 * The effective-jitter rule of issue 2: the jitter may use what the rotation window leaves after the
 * poll interval and a publish budget. Kept apart so the resolver can switch to the domain's
 * {@code io.ipseckeyagent.domain.jitter.JitterSettings} once it exists, with only this class changing.
 */
final class JitterBudget {
    /** Time kept back for publishing (and its retries) inside the rotation window. */
    static final Duration PUBLISH_BUDGET = Duration.ofSeconds(30);

    private JitterBudget() {}

    /** What the rule makes of a requested maximum. */
    sealed interface Outcome {}

    /** The requested maximum fits in the window. */
    record Fits(Duration effectiveMax) implements Outcome {}

    /** The requested maximum was lowered to what the window leaves. */
    record Capped(Duration requested, Duration effectiveMax) implements Outcome {}

    /** The window leaves no time for any jitter: {@code room} is zero or negative. */
    record NothingLeft(Duration room) implements Outcome {}

    /** effective max = min(jitterMax, rotation - poll interval - publish budget), if that is positive. */
    static Outcome effectiveMax(Duration rotation, Duration jitterMax, Duration pollInterval) {
        Duration room = rotation.minus(pollInterval).minus(PUBLISH_BUDGET);
        if (room.isNegative() || room.isZero()) {
            return new NothingLeft(room);
        }
        return jitterMax.compareTo(room) > 0 ? new Capped(jitterMax, room) : new Fits(jitterMax);
    }
}

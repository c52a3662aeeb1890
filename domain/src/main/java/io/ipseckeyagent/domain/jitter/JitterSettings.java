package io.ipseckeyagent.domain.jitter;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Duration;

/**
 * Jitter as configured, before it is checked ({@link #resolve()}). Names follow Cilium's Helm
 * values ({@code encryption.ipsec.keyRotationDuration}) and the proposal ({@code jitterMaxDuration}).
 *
 * @param enabled false means act at once, as Cilium does today
 * @param keyRotationDuration how long the old key stays: every rotation must finish within it
 * @param jitterMax the largest delay wanted between seeing a change and acting on it
 * @param pollInterval how late a change may be seen (the key file poll)
 * @param publishBudget how long publishing may take once the wait is over
 */
public record JitterSettings(boolean enabled, Duration keyRotationDuration, Duration jitterMax,
        Duration pollInterval, Duration publishBudget) {

    public static final Duration DEFAULT_KEY_ROTATION_DURATION = Duration.ofMinutes(5);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_PUBLISH_BUDGET = Duration.ofSeconds(30);

    /** On, 5m window, 2m30s jitter, 5s poll, 30s publish budget. */
    public static JitterSettings defaults() {
        return of(true, DEFAULT_KEY_ROTATION_DURATION, Option.none(), DEFAULT_POLL_INTERVAL, DEFAULT_PUBLISH_BUDGET);
    }

    /** Settings where an absent {@code jitterMax} means half the rotation window (the proposal's default). */
    public static JitterSettings of(boolean enabled, Duration keyRotationDuration, Option<Duration> jitterMax,
            Duration pollInterval, Duration publishBudget) {
        return new JitterSettings(enabled, keyRotationDuration,
                jitterMax.getOrElse(() -> keyRotationDuration.dividedBy(2)), pollInterval, publishBudget);
    }

    /**
     * Checks the settings and works out the effective maximum, min(jitterMax, keyRotationDuration -
     * pollInterval - publishBudget). Every error is returned, none thrown.
     */
    public Validation<Seq<String>, EffectiveJitter> resolve() {
        List<String> errors = List.<String>empty()
                .appendAll(positive("keyRotationDuration", keyRotationDuration))
                .appendAll(positive("pollInterval", pollInterval))
                .appendAll(notNegative("jitterMax", jitterMax))
                .appendAll(notNegative("publishBudget", publishBudget));
        if (!errors.isEmpty()) {
            return Validation.invalid(errors);
        }
        if (!enabled) {
            return Validation.valid(new EffectiveJitter(false, Duration.ZERO, keyRotationDuration, Option.none()));
        }
        Duration available = keyRotationDuration.minus(pollInterval).minus(publishBudget);
        if (available.isNegative() || available.isZero()) {
            return Validation.invalid(List.of("keyRotationDuration " + DurationText.of(keyRotationDuration)
                    + " leaves no time for jitter after the poll interval " + DurationText.of(pollInterval)
                    + " and the publish budget " + DurationText.of(publishBudget)
                    + ": make it longer or turn jitter off"));
        }
        if (jitterMax.compareTo(available) > 0) {
            JitterCapped capped = new JitterCapped(jitterMax, available, keyRotationDuration, pollInterval, publishBudget);
            return Validation.valid(new EffectiveJitter(true, available, keyRotationDuration, Option.some(capped)));
        }
        return Validation.valid(new EffectiveJitter(true, jitterMax, keyRotationDuration, Option.none()));
    }

    private static Option<String> positive(String name, Duration value) {
        return value.isNegative() || value.isZero()
                ? Option.some(name + " must be positive, was " + DurationText.of(value))
                : Option.none();
    }

    private static Option<String> notNegative(String name, Duration value) {
        return value.isNegative()
                ? Option.some(name + " must not be negative, was " + DurationText.of(value))
                : Option.none();
    }
}

package io.ipseckeyagent.domain.jitter;

import io.ipseckeyagent.domain.time.GoDuration;
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
     * How messages name the inputs: the domain's Helm-style names, or the caller's flags.
     *
     * @param turnOff how the operator turns jitter off
     */
    public record Terms(String keyRotationDuration, String pollInterval, String turnOff) {
        public static final Terms DOMAIN = new Terms("keyRotationDuration", "the poll interval", "turn jitter off");
    }

    /** As {@link #resolve(Terms)}, in the domain's words. */
    public Validation<Seq<String>, EffectiveJitter> resolve() {
        return resolve(Terms.DOMAIN);
    }

    /**
     * Checks the settings and works out the effective maximum, min(jitterMax, keyRotationDuration -
     * pollInterval - publishBudget). Every error is returned, none thrown; the one rule and its wording.
     */
    public Validation<Seq<String>, EffectiveJitter> resolve(Terms terms) {
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
            return Validation.invalid(List.of(GoDuration.format(keyRotationDuration) + " leaves no time for jitter: it must be"
                    + " longer than " + terms.pollInterval() + " (" + GoDuration.format(pollInterval) + ") plus the publish budget ("
                    + GoDuration.format(publishBudget) + "); lengthen " + terms.keyRotationDuration() + ", shorten "
                    + terms.pollInterval() + ", or " + terms.turnOff()));
        }
        if (jitterMax.compareTo(available) > 0) {
            JitterCapped capped = new JitterCapped(jitterMax, available, keyRotationDuration, pollInterval, publishBudget);
            return Validation.valid(new EffectiveJitter(true, available, keyRotationDuration, Option.some(capped)));
        }
        return Validation.valid(new EffectiveJitter(true, jitterMax, keyRotationDuration, Option.none()));
    }

    private static Option<String> positive(String name, Duration value) {
        return value.isNegative() || value.isZero()
                ? Option.some(name + " must be positive, was " + GoDuration.format(value))
                : Option.none();
    }

    private static Option<String> notNegative(String name, Duration value) {
        return value.isNegative()
                ? Option.some(name + " must not be negative, was " + GoDuration.format(value))
                : Option.none();
    }
}

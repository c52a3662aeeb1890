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
 * <p>The fleet-wide invariant: Cilium removes the old key {@code keyRotationDuration} after a node
 * switched, so every node must adopt within {@code keyRotationDuration} of the <b>first</b> node's
 * adoption. The cap, {@code keyRotationDuration - reserve}, keeps it: the last node sees the change at
 * most {@code secretPropagation + pollInterval} after the first, waits at most the cap, and publishes
 * within the publish budget (plus, in relay mode, Cilium's poll and jitter).
 *
 * @param enabled false means act at once, with no wait of the agent's own
 * @param keyRotationDuration how long the old key stays: every rotation must finish within it
 * @param maximum the largest delay wanted between seeing a change and acting on it ({@code auto} by default)
 * @param targetRate for {@code auto}: writes per second the whole fleet may put on the API server
 * @param reserve what the cap keeps out of the window
 */
public record JitterSettings(boolean enabled, Duration keyRotationDuration, JitterMaximum maximum, double targetRate,
        JitterReserve reserve) {

    public static final Duration DEFAULT_KEY_ROTATION_DURATION = Duration.ofMinutes(5);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_PUBLISH_BUDGET = Duration.ofSeconds(30);
    /** Kubelet's {@code syncFrequency} (1m); its default Watch strategy adds next to no cache delay. */
    public static final Duration DEFAULT_SECRET_PROPAGATION = Duration.ofMinutes(1);
    /** Cilium's key file watcher polls every 5s ({@code pkg/fswatcher}). */
    public static final Duration DEFAULT_CILIUM_POLL_INTERVAL = Duration.ofSeconds(5);
    /** Writes per second for the whole fleet; ADR 0009 says why. */
    public static final double DEFAULT_TARGET_RATE = 20;

    /** On, 5m window, {@code auto} at 20 writes/s, 5s poll, 30s publish budget, 1m Secret propagation. */
    public static JitterSettings defaults() {
        return new JitterSettings(true, DEFAULT_KEY_ROTATION_DURATION, new JitterMaximum.Auto(), DEFAULT_TARGET_RATE,
                direct(DEFAULT_POLL_INTERVAL, DEFAULT_PUBLISH_BUDGET));
    }

    /** Settings where an absent {@code jitterMax} means half the rotation window (the proposal's default). */
    public static JitterSettings of(boolean enabled, Duration keyRotationDuration, Option<Duration> jitterMax,
            Duration pollInterval, Duration publishBudget) {
        return new JitterSettings(enabled, keyRotationDuration,
                new JitterMaximum.Fixed(jitterMax.getOrElse(() -> keyRotationDuration.dividedBy(2))), DEFAULT_TARGET_RATE,
                direct(pollInterval, publishBudget));
    }

    /** The reserve when the agent publishes itself: nothing of Cilium's to wait for. */
    public static JitterReserve direct(Duration pollInterval, Duration publishBudget) {
        return new JitterReserve(pollInterval, publishBudget, DEFAULT_SECRET_PROPAGATION, Duration.ZERO, Duration.ZERO);
    }

    /**
     * Relay mode: Cilium loads the file the agent writes, up to its poll interval later, then waits its
     * own jitter ({@code keyRotationDuration / 10} in releases with it; {@code ciliumHasJitter} false
     * for releases before).
     */
    public JitterSettings relay(Duration ciliumPollInterval, boolean ciliumHasJitter) {
        Duration ciliumJitter = ciliumHasJitter ? keyRotationDuration.dividedBy(10) : Duration.ZERO;
        return new JitterSettings(enabled, keyRotationDuration, maximum, targetRate, new JitterReserve(
                reserve.pollInterval(), reserve.publishBudget(), reserve.secretPropagation(), ciliumPollInterval, ciliumJitter));
    }

    public JitterSettings withMaximum(JitterMaximum value) {
        return new JitterSettings(enabled, keyRotationDuration, value, targetRate, reserve);
    }

    public JitterSettings withTargetRate(double value) {
        return new JitterSettings(enabled, keyRotationDuration, maximum, value, reserve);
    }

    public JitterSettings withSecretPropagation(Duration value) {
        return new JitterSettings(enabled, keyRotationDuration, maximum, targetRate, new JitterReserve(reserve.pollInterval(),
                reserve.publishBudget(), value, reserve.ciliumPollInterval(), reserve.ciliumJitter()));
    }

    /** The settings a policy implies: {@code cilium} draws over {@code keyRotationDuration / 10}, {@code disabled} not at all. */
    public JitterSettings forPolicy(JitterPolicy policy) {
        return switch (policy) {
            case JitterPolicy.Cilium cilium -> withMaximum(new JitterMaximum.TenthOfWindow());
            case JitterPolicy.Disabled disabled -> new JitterSettings(false, keyRotationDuration, maximum, targetRate, reserve);
            case JitterPolicy.Uniform uniform -> this;
            case JitterPolicy.NodeHash nodeHash -> this;
            case JitterPolicy.Rank rank -> this;
        };
    }

    public Duration pollInterval() {
        return reserve.pollInterval();
    }

    public Duration publishBudget() {
        return reserve.publishBudget();
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
     * Checks the settings and works out the cap, keyRotationDuration - reserve, and the largest delay
     * ever drawn: the cap for {@code auto}, min(jitterMax, cap) for a fixed maximum, a tenth of the
     * window for Cilium's. Only malformed values are errors; a window too short for the reserve is a
     * warning, and then the agent acts at once. The one rule and its wording.
     */
    public Validation<Seq<String>, EffectiveJitter> resolve(Terms terms) {
        List<String> errors = List.<String>empty()
                .appendAll(positive("keyRotationDuration", keyRotationDuration))
                .appendAll(positive("pollInterval", reserve.pollInterval()))
                .appendAll(notNegative("publishBudget", reserve.publishBudget()))
                .appendAll(notNegative("secretPropagation", reserve.secretPropagation()))
                .appendAll(notNegative("ciliumPollInterval", reserve.ciliumPollInterval()))
                .appendAll(notNegative("ciliumJitter", reserve.ciliumJitter()))
                .appendAll(fixedMax(maximum).flatMap(max -> notNegative("jitterMax", max)))
                .appendAll(targetRate > 0 && Double.isFinite(targetRate) ? Option.none()
                        : Option.some("targetRate must be a positive number of writes per second, was " + targetRate));
        if (!errors.isEmpty()) {
            return Validation.invalid(errors);
        }
        Duration left = keyRotationDuration.minus(reserve.total());
        Duration cap = left.isNegative() ? Duration.ZERO : left;
        boolean off = !enabled || fixedMax(maximum).exists(Duration::isZero);
        if (off) {
            return Validation.valid(new EffectiveJitter(false, Duration.ZERO, keyRotationDuration, Option.none(), maximum,
                    targetRate, cap, reserve, Option.none()));
        }
        Option<String> shortWindow = cap.isZero()
                ? Option.some(terms.keyRotationDuration() + " (" + GoDuration.format(keyRotationDuration)
                        + ") is not longer than what the safety cap reserves, " + reserve.describe(terms)
                        + ": no jitter, every node acts at once; lengthen " + terms.keyRotationDuration() + " to more than "
                        + GoDuration.format(reserve.total()) + " to spread the fleet")
                : Option.none();
        return Validation.valid(switch (maximum) {
            case JitterMaximum.Auto auto -> new EffectiveJitter(true, cap, keyRotationDuration, Option.none(), maximum,
                    targetRate, cap, reserve, shortWindow);
            case JitterMaximum.TenthOfWindow tenth -> new EffectiveJitter(true, keyRotationDuration.dividedBy(10),
                    keyRotationDuration, Option.none(), maximum, targetRate, cap, reserve, Option.none());
            case JitterMaximum.Fixed(Duration max) -> max.compareTo(cap) > 0
                    ? new EffectiveJitter(true, cap, keyRotationDuration,
                            Option.some(new JitterCapped(max, cap, keyRotationDuration, reserve)), maximum, targetRate, cap,
                            reserve, shortWindow)
                    : new EffectiveJitter(true, max, keyRotationDuration, Option.none(), maximum, targetRate, cap, reserve,
                            Option.none());
        });
    }

    private static Option<Duration> fixedMax(JitterMaximum maximum) {
        return switch (maximum) {
            case JitterMaximum.Fixed(Duration max) -> Option.some(max);
            case JitterMaximum.Auto auto -> Option.none();
            case JitterMaximum.TenthOfWindow tenth -> Option.none();
        };
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

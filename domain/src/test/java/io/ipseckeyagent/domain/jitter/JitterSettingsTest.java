package io.ipseckeyagent.domain.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JitterSettingsTest {
    private static final Duration WINDOW = Duration.ofMinutes(5);
    /** 5m - (5s poll + 30s publish + 1m Secret propagation). */
    private static final Duration CAP = Duration.ofSeconds(205);

    private static JitterSettings settings(Duration window, Option<Duration> jitterMax) {
        return JitterSettings.of(true, window, jitterMax, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    private static EffectiveJitter resolved(JitterSettings settings) {
        return settings.resolve().toEither().getOrElseThrow(errors -> new AssertionError(errors.mkString("; ")));
    }

    @Test
    void defaultsAreAutoBoundedByTheFleetWideCap() {
        EffectiveJitter jitter = resolved(JitterSettings.defaults());

        assertThat(jitter.enabled()).isTrue();
        assertThat(jitter.maximum()).isEqualTo(new JitterMaximum.Auto());
        assertThat(jitter.targetRate()).isEqualTo(20.0);
        assertThat(jitter.cap()).isEqualTo(CAP);
        assertThat(jitter.max()).isEqualTo(CAP);
        assertThat(jitter.capped()).isEmpty();
        assertThat(jitter.shortWindow()).isEmpty();
    }

    @Test
    void autoIsNodesOverTheTargetRate() {
        EffectiveJitter jitter = resolved(JitterSettings.defaults());

        assertThat(jitter.bound(10).max()).isEqualTo(Duration.ofMillis(500));
        assertThat(jitter.bound(100).max()).isEqualTo(Duration.ofSeconds(5));
        assertThat(jitter.bound(4_100).max()).isEqualTo(CAP);
        assertThat(jitter.bound(4_100).shortfall()).isEmpty();
    }

    @Test
    void autoWithoutAListUsesTheCap() {
        JitterBound bound = resolved(JitterSettings.defaults()).bound(0);

        assertThat(bound.max()).isEqualTo(CAP);
        assertThat(bound.shortfall()).isEmpty();
    }

    @Test
    void aFleetTheWindowCannotHoldAtTheRateIsToldWithTheNumbers() {
        JitterBound bound = resolved(JitterSettings.defaults()).bound(5_000);

        assertThat(bound.max()).isEqualTo(CAP);
        assertThat(bound.shortfall()).singleElement().asString().isEqualTo(
                "5000 nodes at 20 writes/s need a jitter maximum of 4m10s, but the rotation window leaves 3m25s:"
                        + " the fleet will write at about 24.4 writes/s; lengthen the rotation window to at least 5m45s"
                        + " or raise the target rate");
    }

    @Test
    void aFixedMaximumDoesNotDependOnTheCluster() {
        EffectiveJitter jitter = resolved(settings(WINDOW, Option.some(Duration.ofSeconds(90))));

        assertThat(jitter.bound(10).max()).isEqualTo(Duration.ofSeconds(90));
        assertThat(jitter.bound(10).maximum()).isEqualTo("1m30s");
        assertThat(jitter.bound(100_000).shortfall()).isEmpty();
    }

    @Test
    void aJitterMaxLargerThanTheCapIsCappedWithAWarningNamingEveryReservedPart() {
        EffectiveJitter jitter = resolved(settings(WINDOW, Option.some(Duration.ofMinutes(10))));

        assertThat(jitter.max()).isEqualTo(CAP);
        assertThat(jitter.capped().map(JitterCapped::message).getOrElse(""))
                .isEqualTo("10m0s is capped at 3m25s = keyRotationDuration (5m0s) - 1m35s = the poll interval (5s)"
                        + " + the publish budget (30s) + the Secret propagation budget (1m0s),"
                        + " so every node adopts within the rotation window of the first");
    }

    @Test
    void aJitterMaxThatFitsExactlyIsNotCapped() {
        EffectiveJitter jitter = resolved(settings(WINDOW, Option.some(CAP)));

        assertThat(jitter.max()).isEqualTo(CAP);
        assertThat(jitter.capped()).isEmpty();
    }

    @Test
    void ciliumDrawsOverATenthOfTheWindowUncapped() {
        EffectiveJitter jitter = resolved(JitterSettings.defaults().forPolicy(JitterPolicy.cilium()));

        assertThat(jitter.max()).isEqualTo(Duration.ofSeconds(30));
        assertThat(jitter.bound(100_000).max()).isEqualTo(Duration.ofSeconds(30));
        assertThat(jitter.bound(100_000).maximum()).isEqualTo("keyRotationDuration/10");
    }

    @Test
    void relayModeAlsoReservesCiliumsPollAndJitter() {
        EffectiveJitter jitter = resolved(JitterSettings.defaults().relay(Duration.ofSeconds(5), true));

        assertThat(jitter.cap()).isEqualTo(CAP.minus(Duration.ofSeconds(35)));
        assertThat(resolved(JitterSettings.defaults().relay(Duration.ofSeconds(5), false)).cap())
                .isEqualTo(CAP.minus(Duration.ofSeconds(5)));
    }

    @Test
    void aShortWindowStillStartsActingAtOnceWithTheNumbers() {
        EffectiveJitter ci = resolved(new JitterSettings(true, Duration.ofMinutes(1), new JitterMaximum.Auto(), 20,
                JitterSettings.direct(Duration.ofSeconds(5), Duration.ofSeconds(30))));
        assertThat(ci.enabled()).isTrue();
        assertThat(ci.max()).isZero();
        assertThat(ci.shortWindow()).singleElement().asString().isEqualTo(
                "keyRotationDuration (1m0s) is not longer than what the safety cap reserves, 1m35s = the poll interval (5s)"
                        + " + the publish budget (30s) + the Secret propagation budget (1m0s): no jitter, every node acts"
                        + " at once; lengthen keyRotationDuration to more than 1m35s to spread the fleet");
    }

    @Test
    void zeroOrDisabledTurnsJitterOff() {
        assertThat(resolved(settings(WINDOW, Option.some(Duration.ZERO))).enabled()).isFalse();
        EffectiveJitter off = resolved(JitterSettings.of(false, Duration.ofSeconds(10), Option.none(),
                Duration.ofSeconds(5), Duration.ofSeconds(30)));
        assertThat(off.enabled()).isFalse();
        assertThat(off.max()).isZero();
        assertThat(off.bound(100).max()).isZero();
        assertThat(off.bound(100).maximum()).isEqualTo("off");
    }

    @Test
    void theMaximumParsesAutoOrADuration() {
        assertThat(JitterMaximum.parse("auto").get()).isEqualTo(new JitterMaximum.Auto());
        assertThat(JitterMaximum.parse("2m30s").get()).isEqualTo(new JitterMaximum.Fixed(Duration.ofSeconds(150)));
        assertThat(JitterMaximum.parse("-1s").getLeft()).isEqualTo("must not be negative, got -1s");
        assertThat(JitterMaximum.parse("soon").getLeft()).startsWith("expected auto or a duration: ");
    }

    @Test
    void everyBadValueIsReportedAtOnce() {
        var result = new JitterSettings(true, Duration.ZERO, new JitterMaximum.Fixed(Duration.ofSeconds(-1)), 0,
                new JitterReserve(Duration.ZERO, Duration.ofMillis(-250), Duration.ofSeconds(-1), Duration.ZERO,
                        Duration.ZERO)).resolve();

        assertThat(result.getError()).containsExactly(
                "keyRotationDuration must be positive, was 0s",
                "pollInterval must be positive, was 0s",
                "publishBudget must not be negative, was -250ms",
                "secretPropagation must not be negative, was -1s",
                "jitterMax must not be negative, was -1s",
                "targetRate must be a positive number of writes per second, was 0.0");
    }
}

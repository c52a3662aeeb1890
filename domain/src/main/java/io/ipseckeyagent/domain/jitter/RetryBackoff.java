package io.ipseckeyagent.domain.jitter;

import io.ipseckeyagent.domain.time.GoDuration;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.time.Duration;

/**
 * How long to wait before publishing again: "full jitter", a uniform draw in
 * [0, min(cap, base x 2^(failures - 1))], so nodes failing together do not retry in lockstep. A
 * server's Retry-After is a floor.
 */
public record RetryBackoff(Duration base, Duration cap) {

    public static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(30));

    public RetryBackoff {
        if (base.toMillis() <= 0 || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("retry backoff needs 0 < base <= cap");
        }
    }

    /** Checks values from configuration; every error is returned. */
    public static Validation<Seq<String>, RetryBackoff> of(Duration base, Duration cap) {
        if (base.toMillis() <= 0) {
            return Validation.invalid(List.of("retry base must be at least 1ms, was " + GoDuration.format(base)));
        }
        if (cap.compareTo(base) < 0) {
            return Validation.invalid(List.of("retry cap " + GoDuration.format(cap)
                    + " must not be less than the retry base " + GoDuration.format(base)));
        }
        return Validation.valid(new RetryBackoff(base, cap));
    }

    /** The largest wait after {@code failures} failed attempts in a row (1 for the first failure). */
    public Duration ceiling(int failures) {
        int doublings = Math.max(0, failures - 1);
        long baseMillis = base.toMillis();
        long capMillis = cap.toMillis();
        return doublings < 62 && baseMillis <= capMillis >> doublings
                ? Duration.ofMillis(baseMillis << doublings)
                : cap;
    }

    /** The wait after {@code failures} failed attempts, given a uniform draw in [0, 1) and a server's floor. */
    public Duration delay(int failures, double uniform, Option<Duration> retryAfter) {
        Duration jittered = Duration.ofMillis((long) (uniform * ceiling(failures).toMillis()));
        return retryAfter.filter(floor -> floor.compareTo(jittered) > 0).getOrElse(jittered);
    }
}

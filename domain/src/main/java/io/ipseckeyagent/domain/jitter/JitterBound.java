package io.ipseckeyagent.domain.jitter;

import io.ipseckeyagent.domain.time.GoDuration;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.Locale;

/**
 * One draw's maximum and what it was derived from: for {@code auto}, {@code min(N / targetRate, cap)}.
 *
 * @param maximum how the maximum is set: {@code auto}, a duration, {@code keyRotationDuration/10}, or {@code off}
 * @param knownNodes N, the CiliumNodes the agent knew at the draw; 0 when it has no list yet (then the cap is used)
 * @param targetRate writes per second the whole fleet may put on the API server during a rotation
 * @param cap the safety cap: the largest maximum that keeps every node inside the window
 * @param reserved what the cap keeps out of the window ({@link JitterReserve#total()})
 */
public record JitterBound(String maximum, Duration max, int knownNodes, double targetRate, Duration cap,
        Duration reserved) {

    /** N / targetRate: how long the window would have to be to hold the fleet at the target rate. */
    public Duration needed() {
        return Duration.ofMillis((long) Math.ceil(knownNodes * 1000.0 / targetRate));
    }

    /**
     * For {@code auto}: when N / targetRate exceeds the cap, the numbers: the window the fleet would
     * need, and the rate the cap implies.
     */
    public Option<String> shortfall() {
        if (!maximum.equals("auto") || knownNodes == 0 || needed().compareTo(cap) <= 0) {
            return Option.none();
        }
        double implied = cap.isZero() ? Double.POSITIVE_INFINITY : knownNodes * 1000.0 / cap.toMillis();
        return Option.some(String.format(Locale.ROOT,
                "%d nodes at %s writes/s need a jitter maximum of %s, but the rotation window leaves %s:"
                        + " the fleet will write at about %s writes/s; lengthen the rotation window to at least %s"
                        + " or raise the target rate", knownNodes, rate(targetRate), GoDuration.format(needed()),
                GoDuration.format(cap), rate(implied), GoDuration.format(needed().plus(reserved))));
    }

    static String rate(double writesPerSecond) {
        return Double.isInfinite(writesPerSecond) ? "unbounded"
                : writesPerSecond == Math.rint(writesPerSecond) ? Long.toString((long) writesPerSecond)
                : String.format(Locale.ROOT, "%.1f", writesPerSecond);
    }
}

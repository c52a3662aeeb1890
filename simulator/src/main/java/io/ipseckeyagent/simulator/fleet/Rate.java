package io.ipseckeyagent.simulator.fleet;

import java.util.Arrays;

/**
 * Per-second figures of a series of instants during one rotation. {@code peak} is the most in any
 * one-second window wherever it starts; p50, p99 and max are over whole seconds, from the Secret
 * change to the last instant, quiet seconds included.
 */
public record Rate(long total, int peak, int p50, int p99, int max) {

    static Rate of(Times times) {
        int[] perSecond = times.perSecond();
        Arrays.sort(perSecond);
        return new Rate(times.size(), times.peakPerSecond(), percentile(perSecond, 50), percentile(perSecond, 99),
                perSecond.length == 0 ? 0 : perSecond[perSecond.length - 1]);
    }

    /** Nearest rank. */
    private static int percentile(int[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}

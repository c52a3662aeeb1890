package io.ipseckeyagent.simulator.fleet;

import java.util.Arrays;

/**
 * Instants as nanoseconds since a rotation began, appended in order (virtual time never goes back),
 * with the per-second figures the report needs.
 */
final class Times {
    private static final long SECOND = 1_000_000_000L;

    private long[] nanos = new long[1024];
    private int size;

    void add(long at) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = at;
    }

    int size() {
        return size;
    }

    long first() {
        return size == 0 ? 0 : nanos[0];
    }

    long last() {
        return size == 0 ? 0 : nanos[size - 1];
    }

    /** The instant below which a fraction {@code q} of them lie (nearest rank). */
    long percentile(double q) {
        return size == 0 ? 0 : nanos[Math.min(size - 1, (int) Math.ceil(q * size) - 1 < 0 ? 0 : (int) Math.ceil(q * size) - 1)];
    }

    /** The most instants in any one-second window [t, t + 1s), wherever it starts. */
    int peakPerSecond() {
        int peak = 0;
        int start = 0;
        for (int end = 0; end < size; end++) {
            while (nanos[end] - nanos[start] >= SECOND) {
                start++;
            }
            peak = Math.max(peak, end - start + 1);
        }
        return peak;
    }

    /** Counts per whole second since the rotation began, from second 0 to the last instant's second. */
    int[] perSecond() {
        if (size == 0) {
            return new int[0];
        }
        int[] counts = new int[(int) (last() / SECOND) + 1];
        for (int i = 0; i < size; i++) {
            counts[(int) (nanos[i] / SECOND)]++;
        }
        return counts;
    }
}

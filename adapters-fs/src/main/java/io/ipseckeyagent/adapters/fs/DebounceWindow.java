package io.ipseckeyagent.adapters.fs;

import java.time.Duration;

/**
 * When the check after a burst of file events runs: once {@code quiet} has passed without an event,
 * but never later than {@code maxDelay} after the burst's first event.
 *
 * <p>Why trailing and short: kubelet's swap is a burst of a few directory events within a
 * millisecond (new timestamped directory, {@code ..data_tmp}, the rename, removal of the old
 * directory). A leading-edge check would read before the rename and then wait out the window; a
 * 20 ms quiet time reads once, right after the burst. The 100 ms cap keeps a file that is rewritten
 * without pause from postponing the check forever.
 */
record DebounceWindow(Duration quiet, Duration maxDelay) {
    static final DebounceWindow DEFAULT = new DebounceWindow(Duration.ofMillis(20), Duration.ofMillis(100));

    /** The {@link System#nanoTime()} at which to check, for a burst seen from {@code first} to {@code last}. */
    long checkAt(long firstEventNanos, long lastEventNanos) {
        // Differences, not comparisons, of nanoTime values: they may wrap around.
        long burst = lastEventNanos - firstEventNanos;
        return firstEventNanos + Math.min(burst + quiet.toNanos(), maxDelay.toNanos());
    }
}

package io.ipseckeyagent.adapters.observability;

import java.time.Duration;

/** Durations as Go prints them ({@code 37.412s}, {@code 2m30s}, {@code 1h0m0s}), the style of the flags. */
final class GoDurations {
    private GoDurations() {}

    static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long seconds = duration.getSeconds();
        int nanos = duration.getNano();
        if (seconds == 0) {
            if (nanos == 0) {
                return "0s";
            }
            if (nanos < 1_000) {
                return nanos + "ns";
            }
            return nanos < 1_000_000 ? decimal(nanos, 1_000) + "µs" : decimal(nanos, 1_000_000) + "ms";
        }
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            text.append(minutes).append('m');
        }
        return text.append(decimal(seconds % 60 * 1_000_000_000L + nanos, 1_000_000_000L)).append('s').toString();
    }

    /** {@code value / unit} with the fraction's trailing zeros dropped. */
    private static String decimal(long value, long unit) {
        long whole = value / unit;
        long fraction = value % unit;
        if (fraction == 0) {
            return Long.toString(whole);
        }
        int digits = Long.toString(unit).length() - 1;
        String padded = String.format("%0" + digits + "d", fraction).replaceFirst("0+$", "");
        return whole + "." + padded;
    }
}

package io.ipseckeyagent.domain.jitter;

import java.time.Duration;

/** Durations written as operators write them in Cilium's flags: {@code 250ms}, {@code 30s}, {@code 4m25s}. */
final class DurationText {
    private DurationText() {}

    static String of(Duration duration) {
        if (duration.isNegative()) {
            return "-" + of(duration.negated());
        }
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        long seconds = millis / 1000 % 60;
        long rest = millis % 1000;
        String secondsText = rest == 0 ? seconds + "s" : String.format("%d.%03ds", seconds, rest).replaceAll("0+s$", "s");
        if (hours > 0) {
            return hours + "h" + minutes + "m" + secondsText;
        }
        return minutes > 0 ? minutes + "m" + secondsText : secondsText;
    }
}

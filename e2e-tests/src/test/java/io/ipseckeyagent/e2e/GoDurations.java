package io.ipseckeyagent.e2e;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the Go-style durations the agent logs ({@code 734ms}, {@code 19.037s}, {@code 2m30s}). */
final class GoDurations {
    /** Two-letter units first, so that "671ms" is not read as 671 minutes and a stray s. */
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|µs|us|ns|h|m|s)");
    private static final Map<String, Long> NANOS = Map.of("h", 3_600_000_000_000L, "m", 60_000_000_000L,
            "s", 1_000_000_000L, "ms", 1_000_000L, "µs", 1_000L, "us", 1_000L, "ns", 1L);

    private GoDurations() {}

    static Duration parse(String text) {
        Matcher part = PART.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(NANOS.get(part.group(2)))));
            end = part.end();
        }
        if (end == 0 || end != text.length()) {
            throw new IllegalArgumentException("not a Go duration: '" + text + "'");
        }
        return Duration.ofNanos(nanos.longValueExact());
    }
}

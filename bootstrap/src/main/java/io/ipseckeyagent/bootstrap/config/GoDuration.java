package io.ipseckeyagent.bootstrap.config;

import io.vavr.control.Either;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Durations as Cilium operators write them: Go's {@code time.ParseDuration} syntax ({@code 30s},
 * {@code 2m30s}, {@code 1.5h}, {@code 250ms}, {@code 0}) or ISO-8601 ({@code PT30S}).
 */
public final class GoDuration {
    private static final String EXAMPLES = "write it like 30s, 2m30s, 1h or PT30S";
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L, // micro sign, as Go accepts
            "\u03bcs", 1_000L, // Greek mu, as Go accepts
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private GoDuration() {}

    /** Parses a duration, possibly negative; the left side says what is wrong and how to write it. */
    public static Either<String, Duration> parse(String text) {
        if (text.isEmpty()) {
            return Either.left("empty duration; " + EXAMPLES);
        }
        return looksIso(text) ? parseIso(text) : parseGo(text);
    }

    /** Renders a duration compactly in Go style ({@code 2m30s}, {@code 250ms}, {@code 0s}). */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            long nanos = duration.toNanos();
            return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms"
                    : nanos % 1_000 == 0 ? nanos / 1_000 + "us"
                    : nanos + "ns";
        }
        StringBuilder out = new StringBuilder();
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        BigDecimal seconds = BigDecimal.valueOf(duration.toSecondsPart())
                .add(BigDecimal.valueOf(duration.toNanosPart(), 9))
                .stripTrailingZeros();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (minutes > 0) {
            out.append(minutes).append('m');
        }
        if (seconds.signum() > 0) {
            out.append(seconds.toPlainString()).append('s');
        }
        return out.toString();
    }

    private static boolean looksIso(String text) {
        String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        return unsigned.startsWith("P") || unsigned.startsWith("p");
    }

    private static Either<String, Duration> parseIso(String text) {
        try {
            return Either.right(Duration.parse(text));
        } catch (DateTimeParseException | ArithmeticException e) {
            return Either.left("invalid ISO-8601 duration \"" + text + "\"; " + EXAMPLES);
        }
    }

    /** Go's grammar: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+, or a bare 0. */
    private static Either<String, Duration> parseGo(String text) {
        boolean negative = text.charAt(0) == '-';
        String rest = text.charAt(0) == '-' || text.charAt(0) == '+' ? text.substring(1) : text;
        if (rest.equals("0")) {
            return Either.right(Duration.ZERO);
        }
        if (rest.isEmpty()) {
            return invalid(text, "no number");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < rest.length()) {
            int numberStart = at;
            while (at < rest.length() && isDigit(rest.charAt(at))) {
                at++;
            }
            String whole = rest.substring(numberStart, at);
            String fraction = "";
            if (at < rest.length() && rest.charAt(at) == '.') {
                int fractionStart = ++at;
                while (at < rest.length() && isDigit(rest.charAt(at))) {
                    at++;
                }
                fraction = rest.substring(fractionStart, at);
            }
            if (whole.isEmpty() && fraction.isEmpty()) {
                return invalid(text, "expected a number at \"" + rest.substring(numberStart) + "\"");
            }
            int unitStart = at;
            while (at < rest.length() && !isDigit(rest.charAt(at)) && rest.charAt(at) != '.') {
                at++;
            }
            String unit = rest.substring(unitStart, at);
            if (unit.isEmpty()) {
                return invalid(text, "missing unit after " + rest.substring(numberStart, at));
            }
            Long unitNanos = NANOS_PER_UNIT.get(unit);
            if (unitNanos == null) {
                return invalid(text, "unknown unit \"" + unit + "\" (use ns, us, ms, s, m or h)");
            }
            BigDecimal number = new BigDecimal((whole.isEmpty() ? "0" : whole) + "." + (fraction.isEmpty() ? "0" : fraction));
            nanos = nanos.add(number.multiply(BigDecimal.valueOf(unitNanos)));
            if (nanos.toBigInteger().compareTo(MAX_NANOS) > 0) {
                return invalid(text, "too long (at most about 292 years)");
            }
        }
        long total = nanos.setScale(0, RoundingMode.DOWN).longValueExact();
        return Either.right(Duration.ofNanos(negative ? -total : total));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static Either<String, Duration> invalid(String text, String reason) {
        return Either.left("invalid duration \"" + text + "\": " + reason + "; " + EXAMPLES);
    }
}

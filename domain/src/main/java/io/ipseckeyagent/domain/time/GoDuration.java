package io.ipseckeyagent.domain.time;

import io.vavr.control.Either;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The project's one duration codec. Reads what Cilium operators write: Go's {@code time.ParseDuration}
 * syntax ({@code 30s}, {@code 2m30s}, {@code 1.5h}, {@code 250ms}, {@code 0}) or ISO-8601 ({@code PT30S}).
 * Writes exactly what Go's {@code time.Duration.String()} writes ({@code 2m30s}, {@code 1h0m0s},
 * {@code 500ms}, {@code 1.5µs}): that is how Cilium prints its own flags and logs, so an operator
 * sees one spelling everywhere, and every text written here parses back to the same duration.
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

    /** As Go's {@code time.Duration.String()}: {@code 0s}, {@code 1.5µs}, {@code 250ms}, {@code 37.412s}, {@code 1h0m0s}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long seconds = duration.getSeconds();
        int nanos = duration.getNano();
        if (seconds == 0) {
            return nanos == 0 ? "0s"
                    : nanos < 1_000 ? nanos + "ns"
                    : nanos < 1_000_000 ? decimal(nanos, 3) + "\u00b5s"
                    : decimal(nanos, 6) + "ms";
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
        return text.append(decimal(seconds % 60 * 1_000_000_000L + nanos, 9)).append('s').toString();
    }

    /** {@code value / 10^scale}, trailing zeros of the fraction dropped. */
    private static String decimal(long value, int scale) {
        return BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
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

package io.ipseckeyagent.simulator.format;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as the agent's flags take them: Go style ({@code 150ms}, {@code 2m30s}) or ISO-8601 ({@code PT30S}). */
public final class Durations {
    private static final Pattern GO = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    private Durations() {}

    /** Parses {@code text}; throws {@link IllegalArgumentException} with a message that shows the forms accepted. */
    public static Duration parse(String text) {
        String value = text.trim();
        if (value.toUpperCase(Locale.ROOT).startsWith("PT")) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(problem(text));
            }
        }
        Matcher go = GO.matcher(value);
        if (value.isEmpty() || !go.matches()) {
            throw new IllegalArgumentException(problem(text));
        }
        return Duration.ofHours(number(go.group(1))).plusMinutes(number(go.group(2)))
                .plusSeconds(number(go.group(3))).plusMillis(number(go.group(4)));
    }

    /** Go style, as the agent logs durations: {@code 0s}, {@code 150ms}, {@code 2m30s}, {@code 1.5s}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis == 0 ? "0s" : millis + "ms";
        }
        long minutes = millis / 60_000;
        long rest = millis % 60_000;
        String seconds = BigDecimal.valueOf(rest, 3).stripTrailingZeros().toPlainString() + "s";
        return minutes == 0 ? seconds : minutes + "m" + (rest == 0 ? "" : seconds);
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    private static String problem(String text) {
        return "'" + text + "' is not a duration; write it like 150ms, 30s, 2m30s or PT30S";
    }

    /** For picocli options. */
    public static final class Converter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}

package io.ipseckeyagent.adapters.observability;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/**
 * Renders one log event as a line as cilium-agent prints it: slog's logfmt with the level in lower
 * case ({@code time=... level=info msg="..." subsys=... k=v}) or one JSON object with the same fields
 * in the same order.
 */
final class LogLines {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private LogLines() {}

    static String render(LogFormat format, Instant time, Level level, String subsys, String message,
            List<KeyValuePair> fields) {
        return format == LogFormat.JSON
                ? json(time, level, subsys, message, fields)
                : text(time, level, subsys, message, fields);
    }

    static String text(Instant time, Level level, String subsys, String message, List<KeyValuePair> fields) {
        StringBuilder line = new StringBuilder(160);
        line.append("time=").append(TIME.format(time)).append(" level=").append(levelName(level));
        appendTextField(line, "msg", message);
        appendTextField(line, "subsys", subsys);
        for (KeyValuePair field : fields) {
            appendTextField(line, field.key, field.value);
        }
        return line.append('\n').toString();
    }

    static String json(Instant time, Level level, String subsys, String message, List<KeyValuePair> fields) {
        StringBuilder line = new StringBuilder(192);
        line.append("{\"time\":\"").append(TIME.format(time)).append("\",\"level\":\"").append(levelName(level)).append('"');
        appendJsonField(line, "msg", message);
        appendJsonField(line, "subsys", subsys);
        for (KeyValuePair field : fields) {
            appendJsonField(line, field.key, field.value);
        }
        return line.append("}\n").toString();
    }

    /** Cilium lower-cases slog's level names: {@code info}, {@code warn}, {@code error}. */
    static String levelName(Level level) {
        return switch (level) {
            case TRACE -> "trace";
            case DEBUG -> "debug";
            case INFO -> "info";
            case WARN -> "warn";
            case ERROR -> "error";
        };
    }

    private static void appendTextField(StringBuilder line, String key, Object value) {
        line.append(' ');
        appendLogfmtValue(line, String.valueOf(key));
        line.append('=');
        appendLogfmtValue(line, String.valueOf(value));
    }

    /** Bare when safe, else quoted and escaped, as Go's slog TextHandler does. */
    private static void appendLogfmtValue(StringBuilder line, String text) {
        if (needsQuoting(text)) {
            Json.appendQuoted(line, text);
        } else {
            line.append(text);
        }
    }

    static boolean needsQuoting(String text) {
        if (text.isEmpty()) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == '=' || c == '"' || Character.isISOControl(c) || Character.isSpaceChar(c)
                    || Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }

    private static void appendJsonField(StringBuilder line, String key, Object value) {
        line.append(',');
        Json.appendQuoted(line, String.valueOf(key));
        line.append(':');
        if (isJsonNumber(value) || value instanceof Boolean) {
            line.append(value);
        } else if (value == null) {
            line.append("null");
        } else {
            Json.appendQuoted(line, value.toString());
        }
    }

    private static boolean isJsonNumber(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d);
        }
        if (value instanceof Float f) {
            return Float.isFinite(f);
        }
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal;
    }
}

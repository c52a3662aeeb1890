package io.ipseckeyagent.simulator.format;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders maps (in their own order), lists, strings, numbers, booleans and null as indented JSON.
 * Lists of plain values stay on one line, so per-second series read as rows.
 */
public final class Json {
    private Json() {}

    public static String render(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, "");
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, String indent) {
        if (value instanceof Map<?, ?> map) {
            writeObject(out, map, indent);
        } else if (value instanceof List<?> list) {
            writeArray(out, list, indent);
        } else if (value instanceof String text) {
            writeString(out, text);
        } else if (value instanceof Double || value instanceof Float) {
            out.append(BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString());
        } else if (value == null || value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void writeObject(StringBuilder out, Map<?, ?> map, String indent) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        String inner = indent + "  ";
        out.append("{\n");
        for (Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator(); entries.hasNext();) {
            Map.Entry<?, ?> entry = entries.next();
            out.append(inner);
            writeString(out, String.valueOf(entry.getKey()));
            out.append(": ");
            write(out, entry.getValue(), inner);
            out.append(entries.hasNext() ? ",\n" : "\n");
        }
        out.append(indent).append('}');
    }

    private static void writeArray(StringBuilder out, List<?> list, String indent) {
        boolean flat = list.stream().noneMatch(item -> item instanceof Map || item instanceof List);
        if (flat) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                write(out, list.get(i), indent);
                out.append(i + 1 < list.size() ? ", " : "");
            }
            out.append(']');
            return;
        }
        String inner = indent + "  ";
        out.append("[\n");
        for (int i = 0; i < list.size(); i++) {
            out.append(inner);
            write(out, list.get(i), inner);
            out.append(i + 1 < list.size() ? ",\n" : "\n");
        }
        out.append(indent).append(']');
    }

    private static void writeString(StringBuilder out, String text) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

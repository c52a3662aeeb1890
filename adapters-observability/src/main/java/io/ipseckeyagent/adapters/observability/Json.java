package io.ipseckeyagent.adapters.observability;

/** The few JSON (and logfmt) escaping rules this package needs; no JSON library at runtime. */
final class Json {
    private Json() {}

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        appendQuoted(out, text);
        return out.toString();
    }

    static void appendQuoted(StringBuilder out, String text) {
        out.append('"');
        appendEscaped(out, text);
        out.append('"');
    }

    /** Escapes quotes, backslashes and control characters, so a value never breaks a line or a string. */
    static void appendEscaped(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}

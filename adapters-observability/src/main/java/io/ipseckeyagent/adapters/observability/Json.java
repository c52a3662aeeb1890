package io.ipseckeyagent.adapters.observability;

import tools.jackson.core.io.JsonStringEncoder;

/**
 * Quoted strings for the log lines (JSON values and quoted logfmt values), escaped by Jackson's
 * string encoder: the hot path needs no generator, only the escaping.
 */
final class Json {
    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

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

    /**
     * Jackson escapes quotes, backslashes and control characters; DEL and the Unicode line and
     * paragraph separators, which it leaves, are escaped here too, so a value never breaks a line
     * for a reader that splits on them (as Go's strconv.Quote does for logfmt).
     */
    static void appendEscaped(StringBuilder out, String text) {
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0x7f || c == '\u2028' || c == '\u2029') {
                ENCODER.quoteAsString(text.subSequence(start, i), out);
                out.append(String.format("\\u%04x", (int) c));
                start = i + 1;
            }
        }
        ENCODER.quoteAsString(start == 0 ? text : text.subSequence(start, text.length()), out);
    }
}

package io.ipseckeyagent.bootstrap.observability;

import io.vavr.collection.Array;
import io.vavr.control.Either;
import java.util.Locale;

/** How log lines look: {@code text} (slog logfmt, as Cilium prints) or {@code json} (one object a line). */
public enum LogFormat {
    TEXT,
    JSON;

    /** The flag's spelling of this value. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a flag value, case-insensitively; the left side lists the accepted values. */
    public static Either<String, LogFormat> parse(String text) {
        return Array.of(values())
                .find(format -> format.flagValue().equalsIgnoreCase(text == null ? "" : text.strip()))
                .toEither(() -> "expected one of text, json, was '" + text + "'");
    }
}

package io.ipseckeyagent.adapters.observability;

import java.util.Locale;

/** How log lines look: {@code text} (slog logfmt, as Cilium prints) or {@code json} (one object a line). */
public enum LogFormat {
    TEXT,
    JSON;

    /** The flag's spelling of this value. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
